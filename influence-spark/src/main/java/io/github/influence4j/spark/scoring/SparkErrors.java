// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark.scoring;

import io.github.influence4j.core.exception.ConfigurationException;
import io.github.influence4j.core.exception.InfluenceException;
import io.github.influence4j.core.exception.ScorerNotFoundException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failed Spark job back into the influence4j error a task threw, with what to do. Spark
 * reports a task's exception as text inside a {@code SparkException} ("Job aborted due to stage
 * failure: ... io.github.influence4j.core.exception.CorruptStoreException: ..."): the same
 * exception type is rebuilt with the task's message, the Spark exception as its cause.
 */
public final class SparkErrors {
    private static final Pattern TASK_ERROR = Pattern.compile(
            "(io\\.github\\.influence4j\\.core\\.exception\\.[A-Za-z]+): ([^\\n]*)");

    private SparkErrors() {
    }

    /**
     * @param e what the driver caught
     * @param scorer the scorer (or job) that ran
     * @return the exception to throw
     */
    public static RuntimeException unwrap(Exception e, String scorer) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ScorerNotFoundException || String.valueOf(t.getMessage()).contains(
                    ScorerNotFoundException.class.getName())) {
                return new ConfigurationException("scorer '" + scorer + "' is on the driver's class path but not on the"
                        + " executors' (" + taskMessage(t) + "); ship its jar to the executors, e.g."
                        + " spark-submit --jars scorer.jar. Nothing was written.", e);
            }
            if (t instanceof InfluenceException ie) {
                return ie;
            }
        }
        Matcher m = TASK_ERROR.matcher(String.valueOf(e.getMessage()));
        if (m.find()) {
            try {
                Class<?> type = Class.forName(m.group(1));
                if (InfluenceException.class.isAssignableFrom(type)) {
                    return (RuntimeException) type.getConstructor(String.class, Throwable.class).newInstance(m.group(2), e);
                }
            } catch (ReflectiveOperationException | LinkageError ignored) {
                // fall through: the Spark exception as it is
            }
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
    }

    private static String taskMessage(Throwable t) {
        Matcher m = TASK_ERROR.matcher(String.valueOf(t.getMessage()));
        return m.find() ? m.group(2) : String.valueOf(t.getMessage());
    }
}
