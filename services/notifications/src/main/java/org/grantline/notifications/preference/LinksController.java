package org.grantline.notifications.preference;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.grantline.notifications.preference.NotificationPreference.SubjectType;
import org.grantline.notifications.preference.NotificationPreferences.PreferencesCommand;
import org.grantline.notifications.preference.NotificationPreferences.PreferencesView;
import org.grantline.shared.openapi.ProblemResponses;

import java.util.stream.Collectors;

/**
 * What a jurisdiction contact (no account) reaches through the signed link in an email: the
 * one-click unsubscribe of RFC 8058 and their own choices. A GET never changes anything (mail
 * scanners follow links): it shows a page whose button POSTs. The gateway forwards this path
 * without a token; the signature is the credential.
 */
@Controller("/api/notifications/links/{token}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Notification preferences")
@SecurityRequirements
public class LinksController {
    private final UnsubscribeLinks links;
    private final NotificationPreferences preferences;

    public LinksController(UnsubscribeLinks links, NotificationPreferences preferences) {
        this.links = links;
        this.preferences = preferences;
    }

    @Get(value = "/unsubscribe", produces = MediaType.TEXT_HTML)
    @Operation(summary = "A page that asks to confirm the unsubscribe (a GET changes nothing)")
    @ApiResponse(responseCode = "200", description = "A small HTML page with the button that unsubscribes",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = "string")))
    @ProblemResponses.Forbidden
    @ApiResponse(responseCode = "410", description = "The link has expired", content = @Content(mediaType = "application/problem+json",
            schema = @Schema(implementation = org.grantline.shared.openapi.Problem.class)))
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<String> confirm(String token) {
        UnsubscribeLinks.Link link = links.read(token);
        String what = link.kinds().stream().map(k -> esc(k.label().toLowerCase())).collect(Collectors.joining(", "));
        return page("Unsubscribe", "<h1>Unsubscribe from GrantLine emails</h1>"
                + "<p>Stop sending <strong>" + esc(link.email()) + "</strong> these emails: " + what + ".</p>"
                + "<p>Escalations that a program makes mandatory still reach you.</p>"
                + "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                + "<button type=\"submit\">Unsubscribe</button></form>");
    }

    @Post(value = "/unsubscribe", produces = MediaType.TEXT_HTML)
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA, MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    @Operation(summary = "One-click unsubscribe (RFC 8058): declines the kinds of notice the link names")
    @ApiResponse(responseCode = "200", description = "Unsubscribed (also when it already was); a small HTML page says so",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = "string")))
    @ProblemResponses.Forbidden
    @ApiResponse(responseCode = "410", description = "The link has expired", content = @Content(mediaType = "application/problem+json",
            schema = @Schema(implementation = org.grantline.shared.openapi.Problem.class)))
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<String> unsubscribe(String token) {
        UnsubscribeLinks.Link link = links.read(token);
        preferences.decline(link.email(), link.kinds(), "contact:" + link.email());
        return page("Unsubscribed", "<h1>You are unsubscribed</h1><p>GrantLine will not send <strong>" + esc(link.email())
                + "</strong> these emails again. Escalations that a program makes mandatory still reach you.</p>");
    }

    @Get("/preferences")
    @Operation(summary = "The contact's notice choices, through the signed link")
    @ProblemResponses.Forbidden
    @ApiResponse(responseCode = "410", description = "The link has expired", content = @Content(mediaType = "application/problem+json",
            schema = @Schema(implementation = org.grantline.shared.openapi.Problem.class)))
    @Secured(SecurityRule.IS_ANONYMOUS)
    public PreferencesView get(String token) {
        return preferences.view(SubjectType.CONTACT, links.read(token).email());
    }

    @Put("/preferences")
    @Operation(summary = "Replaces the contact's notice choices and digest hour, through the signed link")
    @ProblemResponses.BadRequest
    @ProblemResponses.Forbidden
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    @ApiResponse(responseCode = "410", description = "The link has expired", content = @Content(mediaType = "application/problem+json",
            schema = @Schema(implementation = org.grantline.shared.openapi.Problem.class)))
    @Secured(SecurityRule.IS_ANONYMOUS)
    public PreferencesView put(String token, @Body @Valid PreferencesCommand command) {
        String email = links.read(token).email();
        return preferences.replace(SubjectType.CONTACT, email, email, command, "contact:" + email);
    }

    private static HttpResponse<String> page(String title, String body) {
        return HttpResponse.ok("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                        + "content=\"width=device-width, initial-scale=1\"><title>" + title + " · GrantLine</title></head>"
                        + "<body>" + body + "</body></html>")
                .contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8")
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
