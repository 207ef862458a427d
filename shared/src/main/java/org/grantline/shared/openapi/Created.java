package org.grantline.shared.openapi;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A create: {@code 201} with a {@code Location} header naming the new resource; the body is the
 * method's return type. The method returns {@code HttpResponse.created(...)}; the document reads
 * the status from here.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ApiResponse(responseCode = "201", description = "Created",
        headers = @Header(name = "Location", required = true, description = "The path of the new resource",
                schema = @Schema(type = "string", format = "uri-reference")))
public @interface Created {
}
