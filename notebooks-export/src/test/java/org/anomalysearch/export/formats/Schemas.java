package org.anomalysearch.export.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * The published JSON schemas of pyhf (workspace 1.0.0) and HEPData (submission 1.1.1), read from
 * src/test/resources/schemas (see its README for their versions): each schema's {@code $id} prefix is mapped to
 * that folder, so their relative {@code $ref}s resolve offline.
 */
final class Schemas {

    static final String PYHF = "https://scikit-hep.org/pyhf/schemas/1.0.0/";
    static final String HEPDATA = "https://hepdata.net/submission/schemas/1.1.1/";
    static final ObjectMapper JSON = new ObjectMapper();

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7,
            b -> b.schemaMappers(m -> m.mapPrefix(PYHF, "classpath:schemas/pyhf/1.0.0/")
                    .mapPrefix(HEPDATA, "classpath:schemas/hepdata/1.1.1/")));

    private Schemas() {
    }

    static JsonSchema schema(String iri) {
        return FACTORY.getSchema(SchemaLocation.of(iri));
    }

    static JsonSchema pyhfWorkspace() {
        return schema(PYHF + "workspace.json");
    }

    static JsonSchema hepdata(String file) {
        return schema(HEPDATA + file);
    }

    /** The validation errors of {@code json} (empty when it conforms). */
    static Set<ValidationMessage> errors(JsonSchema schema, JsonNode json) {
        return schema.validate(json);
    }

    /** The YAML documents of a text as JSON trees (SnakeYAML reads, Jackson converts). */
    static List<JsonNode> yamlDocuments(String yaml) {
        return java.util.stream.StreamSupport.stream(new Yaml().loadAll(yaml).spliterator(), false)
                .map(d -> (JsonNode) JSON.valueToTree(d)).toList();
    }
}
