package org.stage2scope.render;

import java.util.EnumMap;
import java.util.Map;

/**
 * Colours and sizes for one look (light, dark, presentation). Colours are 0xRRGGBB ints so the
 * painters (JavaFX, Java2D, SVG) share them. Band colours come from the Okabe-Ito palette, which
 * stays distinct under the common colour-vision deficiencies, and each state also carries a pattern.
 */
public record Theme(String name, boolean isDark, int background, int foreground, int muted, int laneBackground,
                    int grid, int highlight, int selection, double fontSize, double laneHeight,
                    Map<Style, Integer> fills, Map<Style, Pattern> patterns) {

    // Okabe & Ito (2008), "Color Universal Design".
    public static final int OI_ORANGE = 0xE69F00;
    public static final int OI_SKY = 0x56B4E9;
    public static final int OI_GREEN = 0x009E73;
    public static final int OI_YELLOW = 0xF0E442;
    public static final int OI_BLUE = 0x0072B2;
    public static final int OI_VERMILLION = 0xD55E00;
    public static final int OI_PURPLE = 0xCC79A7;

    public Theme {
        fills = Map.copyOf(fills);
        patterns = Map.copyOf(patterns);
    }

    public Theme withLaneHeight(double h) {
        return new Theme(name, isDark, background, foreground, muted, laneBackground, grid, highlight, selection, fontSize, h,
                fills, patterns);
    }

    public int fill(Style s) {
        return fills.getOrDefault(s, muted);
    }

    public Pattern pattern(Style s) {
        return patterns.getOrDefault(s, Pattern.NONE);
    }

    /** Black or white, whichever reads better on {@code rgb}. */
    public static int textOn(int rgb) {
        double l = 0.2126 * ((rgb >> 16) & 0xff) + 0.7152 * ((rgb >> 8) & 0xff) + 0.0722 * (rgb & 0xff);
        return l > 140 ? 0x000000 : 0xFFFFFF;
    }

    /** Pattern lines: dark on light fills, light on dark fills. */
    public static int patternOn(int rgb) {
        return textOn(rgb) == 0 ? 0x202020 : 0xF0F0F0;
    }

    private static Map<Style, Integer> bandFills(int vmaRam, int vmaDev, int slot, int refused, int mixed) {
        Map<Style, Integer> m = new EnumMap<>(Style.class);
        m.put(Style.VMA_RAM, vmaRam);
        m.put(Style.VMA_DEVICE, vmaDev);
        m.put(Style.SLOT_OK, slot);
        m.put(Style.SLOT_REFUSED, refused);
        m.put(Style.WRITE_BACK, OI_BLUE);
        m.put(Style.WRITE_THROUGH, OI_SKY);
        m.put(Style.NON_CACHEABLE, OI_GREEN);
        m.put(Style.DEVICE, OI_ORANGE);
        m.put(Style.RESERVED, OI_PURPLE);
        m.put(Style.EFAULT, OI_VERMILLION);
        m.put(Style.SIGBUS, OI_YELLOW);
        m.put(Style.MIXED, mixed);
        m.put(Style.ACCESS_OK, OI_BLUE);
        m.put(Style.ACCESS_EXIT, OI_ORANGE);
        m.put(Style.ACCESS_FAIL, OI_VERMILLION);
        return m;
    }

    private static Map<Style, Pattern> bandPatterns() {
        Map<Style, Pattern> m = new EnumMap<>(Style.class);
        m.put(Style.VMA_DEVICE, Pattern.STRIPES);
        m.put(Style.SLOT_REFUSED, Pattern.HATCH);
        m.put(Style.NON_CACHEABLE, Pattern.DOTS);
        m.put(Style.DEVICE, Pattern.STRIPES);
        m.put(Style.RESERVED, Pattern.CROSS);
        m.put(Style.EFAULT, Pattern.HATCH);
        m.put(Style.SIGBUS, Pattern.CROSS);
        return m;
    }

    public static Theme light() {
        return new Theme("light", false, 0xFFFFFF, 0x1A1A1A, 0x6B6B6B, 0xF3F4F6, 0xC8CCD2, 0xF0E442, 0x000000,
                13, 34, bandFills(0xBFC7D1, 0xE8D3A8, 0xD9DEE5, 0xFFFFFF, 0x7F7F7F), bandPatterns());
    }

    public static Theme dark() {
        return new Theme("dark", true, 0x16181D, 0xECEFF4, 0xA0A6B0, 0x22252C, 0x3A3F48, 0xF0E442, 0xFFFFFF,
                13, 34, bandFills(0x5B6572, 0x8A6A2F, 0x3A414C, 0x16181D, 0x9A9A9A), bandPatterns());
    }

    /** Larger type and bands, pure black on white: for a projector at the back of a room. */
    public static Theme presentation(boolean dark) {
        Theme base = dark ? dark() : light();
        int bg = dark ? 0x000000 : 0xFFFFFF;
        int fg = dark ? 0xFFFFFF : 0x000000;
        return new Theme(base.name + "-presentation", dark, bg, fg, fg, base.laneBackground, base.grid, base.highlight,
                base.selection, 20, 56, base.fills, base.patterns);
    }
}
