package org.grantline.shared.openapi;

import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An answer without a body: {@code 204}. The method returns {@code HttpResponse.noContent()} or is void with {@code @Status(NO_CONTENT)}. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ApiResponse(responseCode = "204", description = "Done; no body")
public @interface NoContent {
}
