package io.chainplay.api;

import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's last-resort error page, as an {@link ApiError} JSON body instead of HTML.
 *
 * <p>Some requests are refused by Tomcat before Spring sees them (an encoded {@code /} in the path,
 * a malformed request line); Tomcat then writes its own HTML page from this valve. Everything that
 * reaches Spring is answered by {@link ApiExceptionHandler} or {@link ErrorPageController} first,
 * and this valve leaves a response alone once a body was written.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // The same guards as Tomcat's own report(): an error, nothing written yet, reported once.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String code = known == null ? "error" : ApiExceptionHandler.codeFor(known);
        // Only fixed text goes into the body (status names and reason phrases): nothing needs JSON
        // escaping and no request input is echoed.
        String message =
                (known == null ? "HTTP " + status : known.getReasonPhrase())
                        + " (refused by the web server before reaching the API)";
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response was committed meanwhile: nothing left to say.
        }
    }

    /** Puts the valve in place of the HTML one that Boot and Tomcat install on the host. */
    @Component
    static class Installer
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(
                    context -> {
                        Container host = context.getParent();
                        Pipeline pipeline = host.getPipeline();
                        for (Valve valve : pipeline.getValves()) {
                            if (valve instanceof ErrorReportValve) {
                                pipeline.removeValve(valve);
                            }
                        }
                        pipeline.addValve(new JsonErrorReportValve());
                        // Otherwise the host adds Tomcat's HTML valve again when it starts.
                        if (host instanceof StandardHost standardHost) {
                            standardHost.setErrorReportValveClass(
                                    JsonErrorReportValve.class.getName());
                        }
                    });
        }

        // After Boot's own customizer, which installs the HTML valve.
        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
