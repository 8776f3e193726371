// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The influence4j authors

package io.github.influence4j.core.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.influence4j.core.exception.ConfigurationException;
import org.junit.jupiter.api.Test;

class PolicySpecsTest {
    @Test
    void parsesEveryPolicy() {
        assertEquals(Selections.pruneEasy(0.3), Selections.parse("prune-easy:0.3"));
        assertEquals(Selections.pruneHard(0.3), Selections.parse(" Prune-Hard : fraction = 0.3 "));
        assertEquals(Selections.keepEasy(0.7), Selections.parse("keep-easy:fraction=0.7,class-balanced=false"));
        assertEquals(Selections.keepHard(0.5).classBalancedVariant(),
                Selections.parse("keep-hard:0.5,class-balanced=true"));
        assertEquals(new SoftmaxSampling(0.5, SubsetSize.keep(0.7), Difficulty.HARD, false),
                Selections.parse("softmax:temperature=0.5,keep=0.7"));
        assertEquals(new SoftmaxSampling(2, SubsetSize.prune(0.3), Difficulty.EASY, true),
                Selections.parse("softmax:prune=0.3,temperature=2,favour=easy,class-balanced=true"));
        assertEquals(new LinearSampling(0.01, SubsetSize.keep(0.7), Difficulty.HARD, false),
                Selections.parse("linear:keep=0.7"));
        assertEquals(new LinearSampling(0.05, SubsetSize.prune(0.3), Difficulty.EASY, false),
                Selections.parse("linear:prune=0.3,eps=0.05,favour=EASY"));
        assertEquals(Selections.random(SubsetSize.prune(0.3)), Selections.parse("random:prune=0.3"));
        assertEquals(Selections.stratified(SubsetSize.keep(0.7)), Selections.parse("stratified:keep=0.7"));
        assertEquals(Selections.stratified(SubsetSize.keep(0.7)),
                Selections.parse("random:keep=0.7,class-balanced=true"));
    }

    @Test
    void canonicalSpecsRoundTrip() {
        SelectionPolicy[] all = {Selections.pruneEasy(0.45), Selections.keepHard(1.0 / 3).classBalancedVariant(),
            new SoftmaxSampling(1e-3, SubsetSize.prune(0.1), Difficulty.EASY, true),
            new LinearSampling(0.2, SubsetSize.keep(0.55), Difficulty.HARD, true),
            Selections.random(SubsetSize.keep(0)), Selections.stratified(SubsetSize.prune(1))};
        for (SelectionPolicy p : all) {
            assertEquals(p, Selections.parse(p.spec()), p.spec());
        }
        assertEquals("softmax:temperature=0.5,keep=0.7,favour=hard,class-balanced=false",
                Selections.parse("softmax:keep=0.7,temperature=0.5").spec());
        assertEquals("stratified:prune=0.5", Selections.parse("random:class-balanced=true,prune=0.5").spec());
        assertTrue(Selections.usage().keySet().containsAll(java.util.List.of("prune-easy", "prune-hard", "keep-easy",
                "keep-hard", "softmax", "linear", "random", "stratified")));
    }

    private static String error(String spec) {
        return assertThrows(ConfigurationException.class, () -> Selections.parse(spec), spec).getMessage();
    }

    @Test
    void errorsSayWhatIsWrongAndHowToWriteIt() {
        String m = error("prune-medium:0.3");
        assertTrue(m.contains("unknown policy 'prune-medium'") && m.contains("prune-easy"), m);
        m = error("");
        assertTrue(m.contains("names no policy"), m);
        m = error("prune-easy:1.3");
        assertTrue(m.contains("[0, 1]") && m.contains("1.3") && m.contains("usage: prune-easy:<fraction>"), m);
        m = error("prune-easy:-0.1");
        assertTrue(m.contains("[0, 1]"), m);
        m = error("prune-easy");
        assertTrue(m.contains("'fraction' is required"), m);
        m = error("prune-easy:abc");
        assertTrue(m.contains("fraction='abc' is not a number"), m);
        m = error("prune-easy:NaN");
        assertTrue(m.contains("not a finite number"), m);
        m = error("prune-easy:0.3,0.4");
        assertTrue(m.contains("'0.4' is not key=value"), m);
        m = error("prune-easy:0.3,fraction=0.4");
        assertTrue(m.contains("given twice"), m);
        m = error("prune-easy:0.3,,class-balanced=true");
        assertTrue(m.contains("argument 2 is empty"), m);
        m = error("prune-easy:0.3,class-balanced=yes");
        assertTrue(m.contains("class-balanced='yes' is not true or false"), m);
        m = error("softmax:temp=0.5,keep=0.7");
        assertTrue(m.contains("'temperature' is required"), m);
        m = error("softmax:temperature=0.5,keep=0.7,temp=1");
        assertTrue(m.contains("unknown parameter [temp]") && m.contains("usage: softmax:temperature=<T>"), m);
        m = error("softmax:temperature=0,keep=0.7");
        assertTrue(m.contains("positive finite") && m.contains("got 0.0"), m);
        m = error("softmax:temperature=1,keep=0.7,prune=0.3");
        assertTrue(m.contains("keep or prune, not both"), m);
        m = error("softmax:temperature=1");
        assertTrue(m.contains("'keep' or 'prune' is required"), m);
        m = error("softmax:0.5");
        assertTrue(m.contains("not key=value"), m);
        m = error("softmax:temperature=1,keep=0.5,favour=middle");
        assertTrue(m.contains("favour='middle' is not hard or easy"), m);
        m = error("linear:keep=0.5,eps=0");
        assertTrue(m.contains("(0, 1]"), m);
        m = error("stratified:keep=0.5,class-balanced=false");
        assertTrue(m.contains("unknown parameter [class-balanced]"), m);
    }
}
