package org.grantline.bench.floor;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** The cheapest request: a constant JSON body of about the size of one jurisdiction. */
@Controller
@Requires(property = "floor.mode", value = "constant")
class ConstantController {
    private static final String BODY = "{\"id\":\"6f1c2a9e-3b7d-4e55-9a0c-2d8f1e4b7c31\",\"name\":\"Montgomery County\","
            + "\"state\":\"MD\",\"kind\":\"COUNTY\",\"fips\":\"24031\",\"population\":1062061,"
            + "\"createdAt\":\"2026-12-01T10:00:00Z\",\"updatedAt\":\"2026-12-01T10:00:00Z\",\"version\":0}";

    @Get(uri = "/{+path}", produces = MediaType.APPLICATION_JSON)
    String get(String path) {
        return BODY;
    }
}
