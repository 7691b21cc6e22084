package io.hogwild.spark.exec;

import io.hogwild.spark.HogwildOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Arrow batches exchanged with the engine.
 * <ul>
 *   <li>In: {@code prompt} (utf8), then one utf8 column {@code option.<name>} per option that varies per row, then
 *       optionally {@code options} (map&lt;utf8, utf8&gt;) when an options map varies per row.</li>
 *   <li>Out: one struct column {@code result} shaped like {@link io.hogwild.spark.ResultSchema}.</li>
 * </ul>
 */
public final class ArrowSchemas {
    public static final String PROMPT = "prompt";
    public static final String OPTIONS = "options";
    public static final String RESULT = "result";

    private ArrowSchemas() {}

    public static String optionColumn(HogwildOption o) {
        return "option." + o.sqlName();
    }

    public static Schema input(List<HogwildOption> rowOptions, boolean rowMap) {
        List<Field> fields = new ArrayList<>();
        fields.add(utf8(PROMPT));
        for (HogwildOption o : rowOptions) fields.add(utf8(optionColumn(o)));
        if (rowMap) {
            Field entries = new Field(MapVector.DATA_VECTOR_NAME, FieldType.notNullable(ArrowType.Struct.INSTANCE),
                    List.of(new Field(MapVector.KEY_NAME, FieldType.notNullable(ArrowType.Utf8.INSTANCE), null), utf8(MapVector.VALUE_NAME)));
            fields.add(new Field(OPTIONS, FieldType.nullable(new ArrowType.Map(false)), List.of(entries)));
        }
        return new Schema(fields);
    }

    public static Schema output() {
        Field step = struct("$data$", List.of(int32("number"), utf8("text"), int32("tokens"), int32("first_pass"), int32("last_pass")));
        Field worker = struct("$data$", List.of(utf8("name"), int32("tokens"), list("steps", step)));
        Field result = struct(RESULT, List.of(utf8("answer"), utf8("text"), list("workers", worker), int32("steps"),
                int32("tokens"), new Field("elapsed_ms", FieldType.nullable(new ArrowType.Int(64, true)), null), utf8("error")));
        return new Schema(List.of(result));
    }

    private static Field struct(String name, List<Field> children) {
        return new Field(name, FieldType.nullable(ArrowType.Struct.INSTANCE), children);
    }

    private static Field list(String name, Field element) {
        return new Field(name, FieldType.nullable(ArrowType.List.INSTANCE), List.of(element));
    }

    private static Field utf8(String name) {
        return new Field(name, FieldType.nullable(ArrowType.Utf8.INSTANCE), null);
    }

    private static Field int32(String name) {
        return new Field(name, FieldType.nullable(new ArrowType.Int(32, true)), null);
    }
}
