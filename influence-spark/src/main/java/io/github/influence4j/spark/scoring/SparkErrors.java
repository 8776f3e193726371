// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark.scoring;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.exception.InfluenceException;
import io.github.influence4j.core.exception.ScorerNotFoundException;

/** Turns a failed Spark job back into the influence4j error a task threw, with what to do. */
final class SparkErrors {
    private SparkErrors() {
    }

    /**
     * @param e what the driver caught
     * @param scorer the scorer the job ran
     * @return the exception to throw
     */
    static RuntimeException unwrap(RuntimeException e, String scorer) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ScorerNotFoundException || String.valueOf(t.getMessage()).contains(
                    ScorerNotFoundException.class.getName())) {
                return new ConfigurationException("scorer '" + scorer + "' is on the driver's class path but not on the"
                        + " executors' (" + firstLine(t.getMessage()) + "); ship its jar to the executors, e.g."
                        + " spark-submit --jars scorer.jar. Nothing was written.", e);
            }
            if (t instanceof InfluenceException ie) {
                return ie;
            }
        }
        return e;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
