// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.testing;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The check behind every module's {@code PackageCyclesTest} (ArchUnit): no package of a module
 * depends, directly or through others, on a package that depends on it, so each package can be
 * read, tested and moved with only what it points to.
 */
public final class PackageCycles {
    private PackageCycles() {
    }

    /**
     * @param rootPackage the module's root package, e.g. {@code "io.github.influence4j.scorers"}
     * @throws AssertionError naming every cycle, or if no main class of that package was found
     */
    public static void assertFreeOfCycles(String rootPackage) {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
        if (main.isEmpty()) {
            throw new AssertionError("no main classes found in " + rootPackage + "; the check would prove nothing");
        }
        slices().matching(rootPackage.substring(0, rootPackage.lastIndexOf('.')) + ".(**)").should().beFreeOfCycles()
                .check(main);
    }
}
