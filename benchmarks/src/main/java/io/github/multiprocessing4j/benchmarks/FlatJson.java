package io.github.multiprocessing4j.benchmarks;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Just enough JSON for the peer's output: an object of numbers, possibly one level nested. */
final class FlatJson {

    private FlatJson() {
    }

    static Map<String, Object> parse(String text) {
        int[] at = {text.indexOf('{')};
        if (at[0] < 0) {
            throw new IllegalArgumentException("no JSON object in: " + text);
        }
        return object(text, at);
    }

    private static Map<String, Object> object(String s, int[] at) {
        Map<String, Object> out = new LinkedHashMap<>();
        at[0]++;
        while (true) {
            skip(s, at);
            char c = s.charAt(at[0]);
            if (c == '}') {
                at[0]++;
                return out;
            }
            if (c == ',') {
                at[0]++;
                continue;
            }
            int close = s.indexOf('"', at[0] + 1);
            String key = s.substring(at[0] + 1, close);
            at[0] = s.indexOf(':', close) + 1;
            skip(s, at);
            if (s.charAt(at[0]) == '{') {
                out.put(key, object(s, at));
            } else {
                int end = at[0];
                while (end < s.length() && ",}\n ".indexOf(s.charAt(end)) < 0) {
                    end++;
                }
                String token = s.substring(at[0], end);
                out.put(key, token.equals("null") ? Double.NaN : Double.parseDouble(token));
                at[0] = end;
            }
        }
    }

    private static void skip(String s, int[] at) {
        while (Character.isWhitespace(s.charAt(at[0]))) {
            at[0]++;
        }
    }

    static String write(Map<String, ?> map) {
        StringBuilder s = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, ?> e : map.entrySet()) {
            s.append(first ? "\n " : ",\n ").append('"').append(e.getKey()).append("\": ");
            first = false;
            if (e.getValue() instanceof Map<?, ?> inner) {
                @SuppressWarnings("unchecked")
                Map<String, ?> typed = (Map<String, ?>) inner;
                s.append(write(typed).replace("\n", "\n "));
            } else {
                double d = (Double) e.getValue();
                s.append(Double.isNaN(d) || Double.isInfinite(d) ? "null" : String.format(Locale.ROOT, "%s", d));
            }
        }
        return s.append("\n}").toString();
    }
}
