package org.stage2scope.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.stage2scope.model.Scenario;

/**
 * The bundled samples, read from the classpath ("samples/", packaged from the project's samples/
 * folder) so they work from the jar. samples/index.json gives the teaching order and the titles;
 * each description is the sample's own {@code description}, so it is written once.
 */
public final class SampleCatalog {
    private SampleCatalog() {}

    /** The scenario the app opens on: a Grace Hopper-like host with FWB. */
    public static final String DEFAULT = "grace-hopper-fwb.json";

    static final String DIR = "samples/";
    static final String INDEX = "index.json";
    static final String INDEX_FORMAT = "stage2scope-samples/1";

    private static volatile List<Sample> cache;

    /**
     * Every bundled sample, in a teaching order.
     *
     * @throws IllegalStateException when the bundled index or a sample is broken: a build defect,
     *                               which the catalogue tests catch first
     */
    public static List<Sample> list() {
        List<Sample> c = cache;
        if (c == null) {
            try {
                c = readIndex();
            } catch (ScenarioException e) {
                throw new IllegalStateException("bundled samples are broken: " + e.getMessage(), e);
            }
            cache = c;
        }
        return c;
    }

    /** File names in index order, without loading the samples. */
    static List<String> indexFileNames() throws ScenarioException {
        List<String> names = new ArrayList<>();
        for (JsonNodeAt e : indexEntries()) {
            ObjectReader o = ObjectReader.of(DIR + INDEX, "", e);
            names.add(o.requireString("file"));
        }
        return names;
    }

    private static List<JsonNodeAt> indexEntries() throws ScenarioException {
        String source = DIR + INDEX;
        JsonNodeAt root = LocatedJsonParser.parse(resource(INDEX), source);
        ObjectReader o = ObjectReader.of(source, "", root);
        String format = o.requireString("format");
        if (!INDEX_FORMAT.equals(format)) {
            throw o.error("format", "expected \"" + INDEX_FORMAT + "\"");
        }
        List<JsonNodeAt> entries = o.array("samples");
        o.finish();
        return entries;
    }

    private static List<Sample> readIndex() throws ScenarioException {
        List<Sample> out = new ArrayList<>();
        List<JsonNodeAt> entries = indexEntries();
        for (int i = 0; i < entries.size(); i++) {
            ObjectReader e = ObjectReader.of(DIR + INDEX, "samples[" + i + "]", entries.get(i));
            String file = e.requireString("file");
            String title = e.requireString("title");
            e.finish();
            out.add(new Sample(file, title, load(file).description()));
        }
        return List.copyOf(out);
    }

    /** Loads a bundled sample by file name (from the classpath, so it works from the jar). */
    public static Scenario load(String fileName) throws ScenarioException {
        if (fileName.contains("/") || fileName.contains("\\") || !fileName.endsWith(".json") || fileName.equals(INDEX)) {
            throw new ScenarioException(fileName, "", 0, 0, "not a bundled sample name; expected a file name like \"" + DEFAULT + "\"");
        }
        return ScenarioReader.readBytes(bytes(fileName), DIR + fileName);
    }

    private static String resource(String fileName) throws ScenarioException {
        return new String(bytes(fileName), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String fileName) throws ScenarioException {
        try (InputStream in = SampleCatalog.class.getClassLoader().getResourceAsStream(DIR + fileName)) {
            if (in == null) {
                throw new ScenarioException(DIR + fileName, "", 0, 0, "no such bundled sample");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ScenarioException(DIR + fileName, "", 0, 0, "cannot read the bundled sample: " + e.getMessage());
        }
    }
}
