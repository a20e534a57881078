package io.chainplay.api;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorPageControllerTest {

    private final ErrorPageController controller = new ErrorPageController();

    @Test
    void mapsAContainerErrorToAnApiError() {
        var request = new MockHttpServletRequest("GET", "/error");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 400);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/api/bets");

        var response = controller.error(request);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(response.getBody())
                .isEqualTo(new ApiError("bad_request", "Bad Request (/api/bets)"));
    }

    @Test
    void hidesServerErrorDetails() {
        var request = new MockHttpServletRequest("GET", "/error");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
        request.setAttribute(
                RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("secret"));

        var response = controller.error(request);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(response.getBody())
                .isEqualTo(
                        new ApiError(
                                "internal_error",
                                "Internal error; the server log has the details"));
    }

    @Test
    void aDirectCallIsAnUnknownRoute() {
        var response = controller.error(new MockHttpServletRequest("GET", "/error"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getBody())
                .isEqualTo(new ApiError("not_found", "No endpoint GET /error"));
    }
}
