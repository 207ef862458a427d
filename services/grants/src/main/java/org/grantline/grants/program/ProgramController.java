package org.grantline.grants.program;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.List;

/** The grant programs (Byrne JAG, PSP, COPS Hiring, SCAAP, …). Every authenticated role reads them. */
@Controller("/api/programs")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ProgramController {

    private final ProgramRepository programs;

    public ProgramController(ProgramRepository programs) {
        this.programs = programs;
    }

    @Get
    public List<ProgramView> list() {
        return programs.findAllOrderByName().stream().map(ProgramView::of).toList();
    }
}
