package io.chainplay.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}), generated
 * by springdoc from the controllers.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Chainplay API",
                        version = "v1",
                        description =
                                "REST over the tables the Chainplay pipelines write, wallet"
                                        + " sign-in, and health. Amounts are decimal strings;"
                                        + " every error is {\"code\",\"message\"}. Live feeds:"
                                        + " WebSocket /ws (see api/README.md)."))
@SecurityScheme(
        name = "bearer",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        bearerFormat = "JWT")
class OpenApiConfig {}
