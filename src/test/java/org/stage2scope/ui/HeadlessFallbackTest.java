package org.stage2scope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class HeadlessFallbackTest {

    private static Properties props(String os, String headless) {
        Properties p = new Properties();
        p.setProperty("os.name", os);
        if (headless != null) {
            p.setProperty("java.awt.headless", headless);
        }
        return p;
    }

    @Test
    void linuxWithoutDisplayVariablesHasNoDisplay() {
        assertFalse(HeadlessFallback.hasDisplay(Map.of(), props("Linux", null)));
        assertFalse(HeadlessFallback.hasDisplay(Map.of("DISPLAY", "", "WAYLAND_DISPLAY", " "), props("Linux", null)));
    }

    @Test
    void x11OrWaylandVariableMeansADisplay() {
        assertTrue(HeadlessFallback.hasDisplay(Map.of("DISPLAY", ":0"), props("Linux", null)));
        assertTrue(HeadlessFallback.hasDisplay(Map.of("WAYLAND_DISPLAY", "wayland-0"), props("Linux", null)));
    }

    @Test
    void awtHeadlessTrueWinsEvenWithADisplay() {
        assertFalse(HeadlessFallback.hasDisplay(Map.of("DISPLAY", ":0"), props("Linux", "true")));
    }

    @Test
    void windowsAndMacAlwaysHaveADisplay() {
        assertTrue(HeadlessFallback.hasDisplay(Map.of(), props("Windows 11", null)));
        assertTrue(HeadlessFallback.hasDisplay(Map.of(), props("Mac OS X", null)));
    }

    @Test
    void pictureIsNamedAfterTheScenarioFile() {
        assertEquals("stage2scope-grace-hopper-fwb.png", HeadlessFallback.pictureName("grace-hopper-fwb.json"));
        assertEquals("stage2scope-a_b.png", HeadlessFallback.pictureName("a/b.json"));
    }
}
