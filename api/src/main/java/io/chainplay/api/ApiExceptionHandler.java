package io.chainplay.api;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.sql.SQLException;
import java.util.Locale;

/**
 * Turns every exception a request can raise into an {@link ApiError} JSON body.
 *
 * <p>Client mistakes get a 4xx saying what to fix; anything unexpected is logged here with its
 * stack trace and answered with a bare 500, so no trace, SQL or class name reaches a client. Errors
 * raised outside Spring MVC are answered in the same shape by {@link ErrorPageController} (the
 * container's error forward) and {@link JsonErrorReportValve} (requests Tomcat refuses itself).
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> handleApi(ApiException e) {
        HttpHeaders headers = new HttpHeaders();
        if (e.retryAfterSeconds() > 0) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        }
        return body(e.status(), headers, e.code(), e.getMessage());
    }

    // Spring answers an unknown path from the static-resource handler ("No static resource x"),
    // which would puzzle an API client; say which route was asked for instead.
    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ApiError> handleNoRoute(HttpServletRequest request) {
        return body(
                HttpStatus.NOT_FOUND,
                new HttpHeaders(),
                "not_found",
                "No endpoint " + request.getMethod() + " " + request.getRequestURI());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> handleTypeMismatch(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        String expected =
                type == Integer.class || type == int.class || type == Long.class
                        ? "an integer"
                        : type == null ? "a different value" : "a " + type.getSimpleName();
        return body(
                HttpStatus.BAD_REQUEST,
                new HttpHeaders(),
                "invalid_" + e.getName(),
                "Parameter '"
                        + e.getName()
                        + "' must be "
                        + expected
                        + ", got "
                        + ApiException.quote(String.valueOf(e.getValue())));
    }

    // Tomcat parses the query string lazily and throws when Spring first reads a parameter, so a
    // bad %-escape would otherwise end as a 500.
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ApiError> handleMalformedQuery(InvalidParameterException e) {
        HttpStatus status = HttpStatus.resolve(e.getErrorCode());
        if (status == null || !status.is4xxClientError()) {
            status = HttpStatus.BAD_REQUEST;
        }
        // Tomcat's message quotes the undecodable bytes, so it is not echoed.
        String message =
                status == HttpStatus.BAD_REQUEST
                        ? "The query string is malformed (invalid %-encoding)"
                        : "The query string was refused: " + status.getReasonPhrase();
        return body(status, new HttpHeaders(), codeFor(status), message);
    }

    // The pool could not hand out a connection or the server went away: tell clients to retry
    // rather than that the request was wrong. Inside a transaction the same failure arrives as
    // CannotCreateTransactionException, which is not a DataAccessException.
    // statement_timeout / the JDBC query timeout: a query that ran too long was cancelled, which
    // bounds what any request can cost the database.
    @ExceptionHandler(QueryTimeoutException.class)
    ResponseEntity<ApiError> handleQueryTimeout(QueryTimeoutException e, HttpServletRequest r) {
        LOG.warn("Query timed out on {} {}", r.getMethod(), r.getRequestURI());
        return body(
                HttpStatus.SERVICE_UNAVAILABLE,
                new HttpHeaders(),
                "query_timeout",
                "The query took too long and was cancelled; narrow the request or retry later");
    }

    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        CannotCreateTransactionException.class
    })
    ResponseEntity<ApiError> handleDatabaseDown(Exception e) {
        LOG.warn(
                "Database unavailable: {}",
                NestedExceptionUtils.getMostSpecificCause(e).toString());
        return body(
                HttpStatus.SERVICE_UNAVAILABLE,
                new HttpHeaders(),
                "database_unavailable",
                "The database is unavailable; try again later");
    }

    // A body that is not JSON, or JSON of the wrong shape.
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> handleUnreadableBody(HttpMessageNotReadableException e) {
        return body(
                HttpStatus.BAD_REQUEST,
                new HttpHeaders(),
                "invalid_request",
                "The request body is not valid JSON of the expected shape");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> handleOther(Exception e, HttpServletRequest request) {
        // pgjdbc reports a cancelled statement (query timeout) as SQLState 57014, which Spring
        // does not always translate to QueryTimeoutException.
        if (NestedExceptionUtils.getMostSpecificCause(e) instanceof SQLException sql
                && "57014".equals(sql.getSQLState())) {
            return handleQueryTimeout(new QueryTimeoutException(sql.getMessage()), request);
        }
        // Spring MVC's own exceptions (405, 406, 415, missing parameters, ...) carry their status,
        // the headers that go with it (Allow) and a message meant for clients.
        if (e instanceof ErrorResponse error && !error.getStatusCode().is5xxServerError()) {
            String detail = error.getBody().getDetail();
            return body(
                    error.getStatusCode(),
                    error.getHeaders(),
                    codeFor(error.getStatusCode()),
                    detail != null ? detail : e.getMessage());
        }
        LOG.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return body(
                HttpStatus.INTERNAL_SERVER_ERROR,
                new HttpHeaders(),
                "internal_error",
                "Internal error; the server log has the details");
    }

    /** {@code 405 METHOD_NOT_ALLOWED} becomes {@code method_not_allowed}. */
    static String codeFor(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.name().toLowerCase(Locale.ROOT) : "error";
    }

    // An explicit content type makes Spring write JSON even when the client's Accept header
    // would not allow it: an error reply must never fail in turn with 406.
    private static ResponseEntity<ApiError> body(
            HttpStatusCode status, HttpHeaders headers, String code, String message) {
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(code, message));
    }
}
