// Fills an XForm with JavaRosa, the form engine inside ODK Collect, and prints the
// submission XML that Collect would send. Used by the end-to-end tests so that a real
// engine, not our own code, evaluates the form: skip logic, constraints, preloads
// (instanceID, start, end), repeats.
//
//   java -cp ODK_Validate.jar:. FillForm form.xml answers.txt > submission.xml
//
// answers.txt holds one "path=value" per line, paths relative to the instance root
// ("girls=312", "teacher/teacher_name=Fahima"); a path may repeat for repeat groups.
// Questions without an answer are left empty. Exit code 3: an answer was refused
// (constraint or type), with the reason on standard error.

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.javarosa.core.model.FormDef;
import org.javarosa.core.model.FormIndex;
import org.javarosa.core.model.data.IAnswerData;
import org.javarosa.core.model.data.helper.Selection;
import org.javarosa.core.model.data.SelectMultiData;
import org.javarosa.core.model.data.SelectOneData;
import org.javarosa.core.model.data.StringData;
import org.javarosa.core.model.data.IntegerData;
import org.javarosa.core.model.data.DecimalData;
import org.javarosa.core.model.Constants;
import org.javarosa.core.model.SelectChoice;
import org.javarosa.core.model.instance.InstanceInitializationFactory;
import org.javarosa.core.model.instance.TreeReference;
import org.javarosa.core.services.IPropertyManager;
import org.javarosa.core.services.PropertyManager;
import org.javarosa.core.services.properties.IPropertyRules;
import org.javarosa.core.services.transport.payload.ByteArrayPayload;
import org.javarosa.core.model.data.DateData;
import org.javarosa.core.model.utils.DateUtils;
import org.javarosa.form.api.FormEntryController;
import org.javarosa.form.api.FormEntryModel;
import org.javarosa.form.api.FormEntryPrompt;
import org.javarosa.model.xform.XFormSerializingVisitor;
import org.javarosa.xform.util.XFormUtils;

public class FillForm {
    public static void main(String[] args) throws Exception {
        FormDef form = XFormUtils.getFormFromInputStream(new FileInputStream(args[0]));
        Map<String, List<String>> answers = new HashMap<>();
        for (String line : Files.readAllLines(Paths.get(args[1]), StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                answers.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>())
                       .add(line.substring(eq + 1));
            }
        }
        PropertyManager.setPropertyManager(new DeviceProperties());
        form.initialize(true, new InstanceInitializationFactory());
        FormEntryModel model = new FormEntryModel(form);
        FormEntryController controller = new FormEntryController(model);
        controller.jumpToIndex(FormIndex.createBeginningOfFormIndex());
        Map<String, Integer> used = new HashMap<>();
        int event;
        while ((event = controller.stepToNextEvent()) != FormEntryController.EVENT_END_OF_FORM) {
            if (event == FormEntryController.EVENT_PROMPT_NEW_REPEAT) {
                String path = relative(model.getFormIndex().getReference());
                if (pending(answers, used, path + "/")) {
                    controller.newRepeat();
                }
                continue;
            }
            if (event != FormEntryController.EVENT_QUESTION) {
                continue;
            }
            FormEntryPrompt prompt = model.getQuestionPrompt();
            String path = relative(prompt.getIndex().getReference());
            List<String> values = answers.get(path);
            int n = used.getOrDefault(path, 0);
            if (values == null || n >= values.size()) {
                continue;
            }
            used.put(path, n + 1);
            IAnswerData data = answer(prompt, values.get(n));
            int status = controller.answerQuestion(data, true);
            if (status != FormEntryController.ANSWER_OK) {
                System.err.println("refused " + path + "=" + values.get(n) + ": "
                        + (status == FormEntryController.ANSWER_CONSTRAINT_VIOLATED
                           ? prompt.getConstraintText() : "required"));
                System.exit(3);
            }
        }
        form.postProcessInstance();
        XFormSerializingVisitor serializer = new XFormSerializingVisitor();
        ByteArrayPayload payload =
                (ByteArrayPayload) serializer.createSerializedPayload(form.getInstance());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        payload.getPayloadStream().transferTo(out);
        System.out.write(out.toByteArray());
        System.out.flush();
    }

    // "/data/teacher[2]/teacher_name" -> "teacher/teacher_name"
    static String relative(TreeReference reference) {
        String full = reference.toString(false);
        String[] parts = full.split("/");
        StringBuilder out = new StringBuilder();
        for (int i = 2; i < parts.length; i++) {
            if (out.length() > 0) out.append('/');
            out.append(parts[i]);
        }
        return out.toString();
    }

    static boolean pending(Map<String, List<String>> answers, Map<String, Integer> used,
                           String prefix) {
        for (Map.Entry<String, List<String>> e : answers.entrySet()) {
            if (e.getKey().startsWith(prefix)
                    && used.getOrDefault(e.getKey(), 0) < e.getValue().size()) {
                return true;
            }
        }
        return false;
    }

    static IAnswerData answer(FormEntryPrompt prompt, String value) {
        int control = prompt.getControlType();
        if (control == Constants.CONTROL_SELECT_ONE) {
            return new SelectOneData(new Selection(choice(prompt, value)));
        }
        if (control == Constants.CONTROL_SELECT_MULTI) {
            List<Selection> selections = new ArrayList<>();
            for (String v : value.trim().split("\\s+")) {
                selections.add(new Selection(choice(prompt, v)));
            }
            return new SelectMultiData(selections);
        }
        switch (prompt.getDataType()) {
            case Constants.DATATYPE_INTEGER:
                return new IntegerData(Integer.parseInt(value));
            case Constants.DATATYPE_DECIMAL:
                return new DecimalData(Double.parseDouble(value));
            case Constants.DATATYPE_DATE:
                return new DateData(DateUtils.parseDate(value));
            default:
                return new StringData(value);
        }
    }

    static SelectChoice choice(FormEntryPrompt prompt, String value) {
        for (SelectChoice c : prompt.getSelectChoices()) {
            if (c.getValue().equals(value)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no choice " + value);
    }

    // What a phone tells a form about itself (deviceid, username, ... preloads).
    static class DeviceProperties implements IPropertyManager {
        private final Map<String, String> values = new HashMap<>(Map.of(
                "deviceid", "collect:javarosa-test",
                "DeviceID", "collect:javarosa-test",
                "username", "javarosa-test",
                "email", "javarosa@example.org"));

        public List<String> getProperty(String name) {
            String value = getSingularProperty(name);
            return value == null ? null : List.of(value);
        }

        public String getSingularProperty(String name) {
            return values.get(name);
        }

        public void setProperty(String name, String value) {
            values.put(name, value);
        }

        public void setProperty(String name, List<String> value) {
            values.put(name, value.isEmpty() ? "" : value.get(0));
        }

        public void addRules(IPropertyRules rules) {
        }

        public List<IPropertyRules> getRules() {
            return new ArrayList<>();
        }
    }
}
