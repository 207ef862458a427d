package org.grantline.notifications.email;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.EnumMap;
import java.util.Map;

/**
 * The bodies of every email, as mustache templates under {@code email/} on the classpath: each has a
 * plain-text ({@code NAME.txt.mustache}) and an HTML ({@code NAME.html.mustache}) part. Values are
 * HTML-escaped in the HTML part and written as they are in the text part. Every template is compiled
 * once, here; a compiled one renders concurrently.
 */
@Singleton
public class EmailTemplates {
    /** The emails there are templates for; {@code name} is the templates' file name. */
    public enum Template {
        DIGEST("digest"), MESSAGE("message"), INVITATION("invitation"), SECOND_FACTOR_RESET("second-factor-reset");

        private final String file;

        Template(String file) {
            this.file = file;
        }
    }

    /** One email's two parts. */
    public record Body(String text, String html) {
    }

    private final Map<Template, Mustache> text = new EnumMap<>(Template.class);
    private final Map<Template, Mustache> html = new EnumMap<>(Template.class);

    public EmailTemplates() {
        DefaultMustacheFactory escaping = new DefaultMustacheFactory("email");
        DefaultMustacheFactory plain = new DefaultMustacheFactory("email") {
            @Override
            public void encode(String value, Writer writer) {
                try {
                    writer.write(value);   // plain text: "<" stays "<"
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        for (Template t : Template.values()) {
            text.put(t, plain.compile(t.file + ".txt.mustache"));
            html.put(t, escaping.compile(t.file + ".html.mustache"));
        }
    }

    /** Both parts of {@code template} with the values of {@code scope} (a record: its accessors name the values). */
    public Body render(Template template, Object scope) {
        return new Body(render(text.get(template), scope), render(html.get(template), scope));
    }

    private static String render(Mustache mustache, Object scope) {
        StringWriter out = new StringWriter();
        mustache.execute(out, scope);
        return out.toString();
    }
}
