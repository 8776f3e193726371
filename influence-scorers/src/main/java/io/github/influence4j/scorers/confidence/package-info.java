/**
 * The confidence family of data-difficulty scores computed from training dynamics: data maps
 * (Swayamdipta et al. 2020), EL2N and GraNd (Paul et al. 2021), forgetting events (Toneva et al.
 * 2019), the area under the margin (Pleiss et al. 2020) and pointwise V-information (Ethayarajh et
 * al. 2022). Entry points: the {@code Scorers} facade and the providers registered in
 * {@code META-INF/services}.
 */
@org.jspecify.annotations.NullMarked
package io.github.influence4j.scorers.confidence;
