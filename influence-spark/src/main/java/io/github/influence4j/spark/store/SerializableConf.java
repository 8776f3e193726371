// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.spark.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;

/**
 * A Hadoop {@link Configuration} that Spark can ship to tasks: its entries in Hadoop's own
 * {@code Writable} form, rebuilt once per deserialized copy.
 * @serial exclude
 */
public final class SerializableConf implements Serializable {
    private static final long serialVersionUID = 1L;
    private final byte[] bytes;
    private transient Configuration conf;

    /**
     * @param conf the configuration to carry (copied now)
     */
    public SerializableConf(Configuration conf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(out)) {
            conf.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.bytes = out.toByteArray();
        this.conf = conf;
    }

    /** @return the configuration */
    public synchronized Configuration get() {
        if (conf == null) {
            Configuration c = new Configuration(false);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                c.readFields(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            conf = c;
        }
        return conf;
    }
}
