package io.chainplay.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the servlet container's error forward ({@code /error}) with an {@link ApiError} body.
 *
 * <p>Replaces Boot's {@code BasicErrorController}, whose JSON has another shape: errors raised
 * before or outside a controller (a filter, a {@code sendError}) must look like every other error
 * of this API. Exceptions are logged where they happen, so this only maps the status.
 */
@RestController
class ErrorPageController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ApiError> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(code instanceof Integer value)) {
            // Called directly rather than forwarded to: there is no error to report.
            return reply(
                    HttpStatus.NOT_FOUND,
                    "No endpoint " + request.getMethod() + " " + request.getRequestURI());
        }
        HttpStatus status = HttpStatus.resolve(value);
        if (status == null || !status.isError()) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String message =
                status.is5xxServerError()
                        ? "Internal error; the server log has the details"
                        : status.getReasonPhrase() + (uri != null ? " (" + uri + ")" : "");
        return reply(status, message);
    }

    private static ResponseEntity<ApiError> reply(HttpStatus status, String message) {
        String code =
                status == HttpStatus.INTERNAL_SERVER_ERROR
                        ? "internal_error"
                        : ApiExceptionHandler.codeFor(status);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(code, message));
    }
}
