package org.grantline.e2e;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web app in Debian's Chromium (headless, driven by Debian's chromedriver; Selenium never
 * downloads a browser), against the suite started as {@code ./suite up} starts it. Each role signs
 * in and does its main task, in order: the official uploads a document, the legal officer signs
 * and submits Baltimore's open certification, DOJ rejects it with a reason that the
 * jurisdiction sees as Rejected, the legal officer submits again and DOJ accepts it and it leaves the official's list, the
 * auditor finds it in the trail, the admin disables a user who then cannot sign in. Screenshots of
 * the main pages go to {@code target/screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebIT {
    static final String PASSWORD = "web-demo-password";
    static final String REJECTION = "The form must be signed by the chief legal officer";
    static final String BALTIMORE = "7a0c5d3e-0000-4000-8000-000024040000";
    static final Path SHOTS = Path.of("target", "screenshots");

    /** Baltimore's own OpenID Connect provider (a real one, run in this test), configured on the suite's gateway. */
    static final String SSO_CLIENT = "grantline-web-baltimore";
    MockOAuth2Server oidc;
    Suite suite;
    WebDriver driver;
    WebDriverWait wait;
    Path profile;
    String requirementId;
    String documentTitle = "Signed 1373 certification " + Instant.now().getEpochSecond();

    static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");

    @BeforeAll
    void up() throws Exception {
        // A machine with only a JDK has no browser: the browser tests say so and step aside there.
        // CI installs Debian's chromium and sets GRANTLINE_REQUIRE_BROWSER, so there they must run.
        boolean present = Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
        if (!present && System.getenv("GRANTLINE_REQUIRE_BROWSER") != null) {
            throw new IllegalStateException("GRANTLINE_REQUIRE_BROWSER is set but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(present, "Browser tests need Debian's chromium and chromedriver "
                + "(apt-get install -y chromium chromium-driver); they are not installed here");
        Files.createDirectories(SHOTS);
        oidc = new MockOAuth2Server();
        oidc.start();
        Path sso = Files.createTempFile("grantline-sso", ".yml");
        Files.writeString(sso, String.join("\n",
                "micronaut.security.oauth2.clients.baltimore:",
                "  client-id: " + SSO_CLIENT,
                "  client-secret: e2e-not-a-real-secret",
                "  openid.issuer: " + oidc.issuerUrl("baltimore"),
                "grantline.sso.providers.baltimore:",
                "  display-name: Baltimore City (test provider)",
                "  jurisdiction-id: " + BALTIMORE,
                "  role-claim: groups",
                "  roles: {grants-staff: JURISDICTION_OFFICIAL, city-solicitor: LEGAL_OFFICER}", ""));
        suite = Suite.up(Map.of("GRANTLINE_GATEWAY_CONFIG", sso.toString()), PASSWORD);
        requirementId = baltimoresRequirementDueInFiveDays();
    }

    @AfterAll
    void down() throws Exception {
        if (suite != null) {
            suite.down();
        }
        if (oidc != null) {
            oidc.shutdown();
        }
    }

    @BeforeEach
    void browser() throws Exception {
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class); // a redraw may replace an element between finding and reading it
    }

    @AfterEach
    void closeBrowser() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The demo's FY-current 1373 certification for Baltimore, due in five days (the demo awards appear shortly after start). */
    @SuppressWarnings("unchecked")
    String baltimoresRequirementDueInFiveDays() throws InterruptedException {
        TestHttp http = suite.http();
        String token = suite.token("doj.officer");
        Instant from = Instant.now().plus(Duration.ofDays(4));
        Instant to = Instant.now().plus(Duration.ofDays(6));
        for (int i = 0; i < 120; i++) {
            TestHttp.Response page = http.get("/api/certifications/requirements?status=OPEN&size=100&jurisdictionId=" + BALTIMORE
                    + "&dueFrom=" + from + "&dueTo=" + to, token);
            if (page.status() == 200) {
                List<Map<String, Object>> items = (List<Map<String, Object>>) page.json().get("items");
                if (!items.isEmpty()) {
                    return (String) items.get(0).get("id");
                }
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("Baltimore's demo requirement did not appear");
    }

    // ---- helpers

    void open(String hash) {
        driver.get(suite.url() + "/" + hash);
        ready();
    }

    void go(String hash) {
        ((JavascriptExecutor) driver).executeScript("location.hash = arguments[0]", hash.replaceFirst("^#", ""));
        ready();
    }

    void ready() {
        wait.until(d -> "true".equals(d.findElement(By.id("main")).getDomAttribute("data-ready")));
    }

    void signIn(String username) {
        driver.get(suite.url() + "/");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in")));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")));
        ready();
    }

    void signOut() {
        driver.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in")));
    }

    void shot(String name) throws Exception {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    /**
     * The text of the visible element {@code by} names. The element is found and read inside one wait step, so a
     * redraw that replaces it between the two (a page redraws after every change and puts its confirmation back
     * into the new element) makes the wait look again instead of failing on a stale reference.
     */
    String text(By by) {
        return wait.until(d -> {
            WebElement element = d.findElement(by);
            return element.isDisplayed() ? element.getText() : null;
        });
    }

    // ---- the roles, in order

    @Order(1)
    @Test
    void theSignInPageComesUpWithinASecondWithAStrictPolicy() throws Exception {
        driver.get(suite.url() + "/");                        // warm-up: the gateway's first static answers
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in")));
        driver.manage().deleteAllCookies();
        long start = System.nanoTime();
        driver.get(suite.url() + "/");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in")));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).as("first page in %d ms", millis).isLessThanOrEqualTo(1000);
        assertThat(driver.findElement(By.cssSelector("label[for=username]")).getText()).isEqualTo("Username");
        shot("01-sign-in");

        driver.findElement(By.id("username")).sendKeys("baltimore.official");
        driver.findElement(By.id("password")).sendKeys("wrong password");
        driver.findElement(By.id("sign-in")).click();
        assertThat(text(By.cssSelector("#signin-status .msg-error"))).startsWith("The username or password is wrong");
    }

    @Order(2)
    @Test
    void theOfficialSeesTheDeadlineSurvivesAReloadAndUploadsADocument() throws Exception {
        signIn("baltimore.official");
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("req-" + requirementId)));
        assertThat(row.getText()).contains("left");
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("Baltimore");
        assertThat(driver.findElements(By.linkText("Review"))).as("no DOJ controls").isEmpty();
        assertThat(driver.findElements(By.linkText("Users"))).isEmpty();
        Object stored = ((JavascriptExecutor) driver).executeScript(
                "return document.cookie + JSON.stringify(localStorage) + JSON.stringify(sessionStorage)");
        assertThat(String.valueOf(stored)).as("no token where scripts can read it").doesNotContain("eyJ").doesNotContain("grantline_refresh");
        shot("02-official-home");

        driver.navigate().refresh();                       // the session survives a reload (the cookie)
        ready();
        assertThat(driver.findElements(By.id("sign-out"))).isNotEmpty();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("req-" + requirementId)));

        driver.manage().window().setSize(new Dimension(390, 844));
        shot("03-official-home-phone");
        driver.manage().window().setSize(new Dimension(1280, 900));

        row = driver.findElement(By.id("req-" + requirementId));
        row.findElement(By.tagName("a")).click();
        ready();
        assertThat(text(By.id("condition-text"))).contains("federal immigration authorities");
        assertThat(driver.findElements(By.id("sign-and-submit"))).as("only the legal officer signs").isEmpty();

        Path file = Files.createTempFile("certification", ".txt");
        Files.writeString(file, "City of Baltimore: certification of compliance with 8 U.S.C. 1373.\n".repeat(2000), StandardCharsets.UTF_8);
        new Select(driver.findElement(By.id("upload-kind"))).selectByValue("CERTIFICATION");
        driver.findElement(By.id("upload-title")).sendKeys(documentTitle);
        driver.findElement(By.id("upload-file")).sendKeys(file.toString());
        driver.findElement(By.id("upload-button")).click();
        assertThat(text(By.cssSelector("#upload-status .msg"))).as("upload").startsWith("Uploaded");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("documents"), documentTitle));
        shot("04-requirement-uploaded");
        signOut();
    }

    @Order(3)
    @Test
    void theLegalOfficerSignsAndSubmits() throws Exception {
        signIn("baltimore.counsel");
        go("#/requirements/" + requirementId);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("submit-documents"), documentTitle));
        WebElement box = driver.findElement(By.xpath("//fieldset[@id='submit-documents']//label[contains(., '" + documentTitle + "')]/preceding-sibling::input"));
        if (!box.isSelected()) {
            box.click();
        }
        driver.findElement(By.id("signer-title")).sendKeys("City Solicitor");
        WebElement name = driver.findElement(By.id("signer-name"));
        if (name.getDomProperty("value").isBlank()) {
            name.sendKeys("Baltimore Counsel");
        }
        driver.findElement(By.id("sign-and-submit")).click();
        assertThat(text(By.cssSelector("#submit-status .msg-error"))).as("must agree first").contains("agree");
        driver.findElement(By.id("agreed")).click();
        shot("05-sign-and-submit");
        driver.findElement(By.id("sign-and-submit")).click();
        assertThat(text(By.cssSelector("#submit-status .msg"))).as("submission").startsWith("Signed and submitted");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("requirement-status"), "Submitted"));
        signOut();
    }

    @Order(4)
    @Test
    void theDojOfficerReviewsAndAcceptsAndSeesTheMap() throws Exception {
        signIn("doj.officer");
        assertThat(driver.findElements(By.cssSelector("#deadlines tbody tr"))).isNotEmpty();
        new Select(driver.findElement(By.id("f-state"))).selectByValue("MD");
        driver.findElement(By.id("apply-filters")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("results"), "requirement"));
        shot("06-doj-deadlines");

        go("#/review");
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#review tr[data-requirement-id='" + requirementId + "']")));
        shot("07-doj-review");
        row.findElement(By.tagName("a")).click();
        ready();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".submission"), documentTitle));
        assertThat(driver.findElement(By.cssSelector(".submission")).getText()).contains("City Solicitor");
        driver.findElement(By.cssSelector(".submission button.reject")).click();
        assertThat(text(By.cssSelector(".decide .msg-error"))).contains("reason");
        driver.findElement(By.cssSelector(".submission .decide textarea")).sendKeys(REJECTION);
        driver.findElement(By.cssSelector(".submission button.reject")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("requirement-status"), "Rejected"));
        signOut();

        // the jurisdiction sees the rejection (not "Open") and answers with a new submission
        signIn("baltimore.official");
        WebElement listed = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("req-" + requirementId)));
        assertThat(listed.getText()).contains("Rejected by DOJ").contains(REJECTION);
        signOut();
        signIn("baltimore.counsel");
        go("#/requirements/" + requirementId);
        assertThat(text(By.id("rejection"))).startsWith("Rejected").contains(REJECTION);
        assertThat(text(By.id("requirement-status"))).contains("Rejected");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("submit-documents"), documentTitle));
        WebElement again = driver.findElement(By.xpath("//fieldset[@id='submit-documents']//label[contains(., '" + documentTitle + "')]/preceding-sibling::input"));
        if (!again.isSelected()) {
            again.click();
        }
        driver.findElement(By.id("signer-title")).sendKeys("Chief Legal Officer");
        WebElement signer = driver.findElement(By.id("signer-name"));
        if (signer.getDomProperty("value").isBlank()) {
            signer.sendKeys("Baltimore Counsel");
        }
        driver.findElement(By.id("agreed")).click();
        shot("07b-resubmit-after-rejection");
        driver.findElement(By.id("sign-and-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("requirement-status"), "Submitted"));
        signOut();

        signIn("doj.officer");
        go("#/requirements/" + requirementId);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".submission button.accept")));
        driver.findElement(By.cssSelector(".submission button.accept")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("requirement-status"), "Accepted"));
        shot("08-doj-accepted");

        ((JavascriptExecutor) driver).executeScript("performance.setResourceTimingBufferSize(10000); performance.clearResourceTimings()");
        go("#/map");
        wait.until(d -> d.findElements(By.cssSelector("#states path")).size() >= 50);
        @SuppressWarnings("unchecked")
        List<String> fetched = (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"
                        + ".filter(p => p.startsWith('/api/'))");
        assertThat(fetched).as("the map is drawn from one request to grants' compliance map")
                .containsOnlyOnce("/api/awards/compliance-map")
                .noneMatch(p -> p.startsWith("/api/certifications/requirements") || p.startsWith("/api/jurisdictions")
                        || p.equals("/api/awards/at-risk"));
        List<WebElement> coloured = driver.findElements(By.cssSelector("#states path:not([data-status='none'])"));
        assertThat(coloured).as("states with certifications are coloured").isNotEmpty();
        assertThat(coloured.get(0).getDomAttribute("d")).startsWith("M");
        assertThat(coloured.get(0).getCssValue("fill")).isNotEqualTo(
                driver.findElement(By.cssSelector("#states path[data-status='none']")).getCssValue("fill"));
        assertThat(driver.findElement(By.cssSelector("#states path[data-fips='24']")).getDomAttribute("data-status"))
                .as("Maryland").isNotEqualTo("none");
        shot("09-doj-map");
        driver.findElement(By.id("show-counties")).click();
        wait.until(d -> d.findElements(By.cssSelector("#counties path.county")).size() > 3000);
        assertThat(driver.findElement(By.cssSelector("#counties path[data-fips='24510']")).getDomAttribute("data-status"))
                .as("Baltimore city").isNotEqualTo("none");
        shot("10-doj-map-counties");

        go("#/at-risk");
        assertThat(driver.findElements(By.cssSelector("#at-risk tbody tr"))).isNotEmpty();
        driver.findElement(By.id("csv")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#csv + [role=status]"), "Downloaded"));
        shot("11-doj-funds-at-risk");
        go("#/awards");
        assertThat(driver.findElements(By.cssSelector("#awards tbody tr"))).isNotEmpty();
        go("#/court-orders");
        assertThat(driver.findElement(By.id("court-orders")).getText()).contains("Chicago");
        signOut();
    }

    @Order(5)
    @Test
    void theAcceptedDeadlineLeavesTheOfficialsListAndTheyHaveAnInboxAndACalendarLink() throws Exception {
        signIn("baltimore.official");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("requirements")));
        assertThat(driver.findElements(By.id("req-" + requirementId))).isEmpty();
        shot("12-official-after-acceptance");

        go("#/inbox");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("inbox")));
        go("#/jurisdiction");
        assertThat(driver.findElement(By.id("contacts")).getText()).isNotBlank();
        driver.findElement(By.id("new-feed")).click();
        WebElement feed = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("feed-url")));
        assertThat(feed.getDomProperty("value")).contains("/api/calendar/ics/").endsWith(".ics");
        shot("15-official-jurisdiction-calendar");
        signOut();
    }

    @Order(6)
    @Test
    void theAuditorReadsTheTrailAndSeesNoControls() throws Exception {
        signIn("auditor");
        go("#/review");
        go("#/requirements/" + requirementId);
        assertThat(driver.findElements(By.cssSelector("button.accept"))).isEmpty();
        assertThat(driver.findElements(By.id("upload-button"))).isEmpty();
        go("#/audit");
        driver.findElement(By.id("audit-type")).sendKeys("submission");
        driver.findElement(By.id("audit-show")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit"), "submission.accepted"));
        assertThat(driver.findElement(By.id("audit")).getText()).contains("submission.made").contains("doj.officer")
                .contains("baltimore.counsel");
        shot("13-auditor-audit");
        go("#/users");
        assertThat(driver.findElements(By.id("create-user"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("#users button"))).isEmpty();
        signOut();
    }

    @Order(7)
    @Test
    void theAdminDisablesAUserWhoThenCannotSignIn() throws Exception {
        String username = "web.temp." + (System.currentTimeMillis() % 100000);
        signIn("admin");
        driver.findElement(By.id("new-username")).sendKeys(username);
        driver.findElement(By.id("new-name")).sendKeys("Temporary Auditor");
        driver.findElement(By.id("new-password")).sendKeys(PASSWORD);
        new Select(driver.findElement(By.id("new-role"))).selectByValue("AUDITOR");
        driver.findElement(By.id("create-user")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("users-status"), "can now sign in"));
        signOut();

        signIn(username);
        signOut();

        signIn("admin");
        // A lost authenticator: the admin resets the second factor, confirms, and is told the user has no address to be emailed at.
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-username='" + username + "']")));
        row.findElement(By.cssSelector("button[data-action='reset-second-factor']")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("users-status"), "second factor is reset"));
        assertThat(text(By.cssSelector("#users-status .msg"))).contains("could not be emailed");
        row = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-username='" + username + "']")));
        row.findElement(By.cssSelector("button.danger")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("users-status"), "disabled"));
        // The list is drawn again after the change: read the row anew until it shows it.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-username='" + username + "']"), "Disabled"));
        shot("14-admin-users");
        signOut();

        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("sign-in")).click();
        assertThat(text(By.cssSelector("#signin-status .msg-error"))).startsWith("The username or password is wrong");
    }

    @Order(8)
    @Test
    void dojSendsALetterToAFilteredSetAnOfficialAnswersTheLegalOfficerSignsDojAcceptsAndTheyTalkInTheThread() throws Exception {
        String subject = "Jail access in Maryland cities " + Instant.now().getEpochSecond();
        signIn("doj.officer");
        go("#/letters");
        assertThat(driver.findElement(By.id("letters")).getText()).as("the seeded 2017 letters")
                .contains("(29 jurisdictions)").contains("Public Safety Partnership");
        assertThat(driver.findElement(By.xpath("//table[@id='letters']//tr[contains(., '(29 jurisdictions)')]/td[4]")).getText())
                .as("every one of the 29 is in the demo registry").isEqualTo("29");
        assertThat(driver.findElement(By.xpath("//table[@id='letters']//tr[contains(., '(23 jurisdictions)')]/td[4]")).getText())
                .as("the 24 January 2018 demand for documents reaches all 23").isEqualTo("23");
        driver.findElement(By.id("letter-subject")).sendKeys(subject);
        driver.findElement(By.id("letter-body")).sendKeys("Answer both questions by the deadline.");
        driver.findElement(By.cssSelector("#letter-questions .q-text")).sendKeys("Who operates the jail your police book into?");
        driver.findElement(By.id("add-question")).click();
        List<WebElement> texts = driver.findElements(By.cssSelector("#letter-questions .q-text"));
        texts.get(1).sendKeys("Certify that federal agents have access to it.");
        new Select(driver.findElements(By.cssSelector("#letter-questions .q-role")).get(1)).selectByValue("LEGAL_OFFICER");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('letter-deadline').value = arguments[0]",
                java.time.LocalDate.now().plusDays(21).toString());
        driver.findElement(By.id("r-state")).sendKeys("MD");
        new Select(driver.findElement(By.id("r-type"))).selectByValue("CITY");
        driver.findElement(By.id("preview-recipients")).click();
        assertThat(text(By.id("recipient-count"))).isEqualTo("1 jurisdiction will receive this letter.");
        assertThat(driver.findElement(By.id("recipients-preview")).getText()).contains("Baltimore");
        shot("16-doj-letter-compose");
        driver.findElement(By.id("send-letter")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("recipients")));
        ready();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("recipients"), "Baltimore"));
        String letterUrl = driver.getCurrentUrl();
        signOut();

        signIn("baltimore.official");
        go("#/letters");
        driver.findElement(By.linkText(subject)).click();
        ready();
        List<WebElement> forms = driver.findElements(By.cssSelector(".answer-form"));
        assertThat(forms).as("the official answers only the question without a signature").hasSize(1);
        forms.get(0).findElement(By.tagName("textarea")).sendKeys("Baltimore Central Booking is run by the State of Maryland.");
        forms.get(0).findElement(By.cssSelector("button.send-answer")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".answers"), "State of Maryland"));
        String demandHash = driver.getCurrentUrl().replaceFirst("^[^#]*", "");
        assertThat(demandHash).startsWith("#/demands/");
        signOut();

        signIn("baltimore.counsel");
        go(demandHash);
        WebElement form = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//form[contains(@class,'answer-form')][.//input[starts-with(@id,'title-')]]")));
        form.findElement(By.cssSelector("textarea.answer")).sendKeys("Federal agents have access under the State's policy.");
        form.findElement(By.cssSelector("input[id^='title-']")).sendKeys("City Solicitor");
        WebElement name = form.findElement(By.cssSelector("input[id^='signer-']"));
        if (name.getDomProperty("value").isBlank()) {
            name.sendKeys("Baltimore Counsel");
        }
        form.findElement(By.cssSelector("input[type=checkbox]")).click();
        shot("17-legal-officer-signs-letter");
        form.findElement(By.cssSelector("button.send-answer")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("demand-status"), "Answered"));
        signOut();

        signIn("doj.officer");
        driver.get(letterUrl);
        ready();
        assertThat(text(By.id("letter-summary"))).contains("1 answered");
        driver.findElement(By.cssSelector("#recipients a")).click();
        ready();
        assertThat(driver.findElement(By.cssSelector(".signature")).getText()).contains("City Solicitor");
        driver.findElement(By.id("accept-demand")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("demand-status"), "Accepted"));
        shot("18-doj-letter-accepted");

        // The demand's thread: DOJ writes to Baltimore and keeps an internal note; Baltimore sees the message only, and answers.
        String note = "Internal: compare with the State's booking policy " + Instant.now().getEpochSecond();
        driver.findElement(By.id("thread-body")).sendKeys(note);
        driver.findElement(By.id("thread-internal")).click();
        driver.findElement(By.id("thread-send")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("thread"), note));
        driver.findElement(By.id("thread-body")).sendKeys("Please also send the State's booking agreement.");
        driver.findElement(By.id("thread-send")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("thread"), "booking agreement"));
        assertThat(driver.findElement(By.cssSelector("#thread .internal")).getText()).contains("Internal note").contains(note);
        signOut();

        // The shared message is in Baltimore's inbox (the outbox relay, woken by NOTIFY) and leads to the demand's page;
        // the internal note gave them no notice at all.
        signIn("baltimore.official");
        WebElement notice = inboxNotice("booking agreement");
        assertThat(notice.getText()).contains("New message from").contains(subject);
        assertThat(driver.findElement(By.id("inbox")).getText()).doesNotContain(note);
        assertThat(driver.findElements(By.xpath("//table[@id='inbox']//tr[contains(., 'New message from') and contains(., "
                + xpathText(subject) + ")]"))).as("one notice: the message, not the internal note").hasSize(1);
        shot("18c-jurisdiction-inbox-message-notice");
        assertThat(notice.findElement(By.tagName("a")).getDomAttribute("href")).isEqualTo(demandHash);
        notice.findElement(By.tagName("a")).click();
        ready();
        assertThat(driver.getCurrentUrl()).as("the notice opens the demand's page on this origin")
                .startsWith(suite.url()).endsWith(demandHash);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("thread"), "booking agreement"));
        assertThat(driver.findElement(By.id("thread")).getText()).doesNotContain(note).doesNotContain("Internal note");
        assertThat(driver.findElements(By.id("thread-internal"))).as("no internal notes for the jurisdiction").isEmpty();
        driver.findElement(By.id("thread-body")).sendKeys("The agreement is attached to our answer.");
        driver.findElement(By.id("thread-send")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("thread"), "attached to our answer"));
        shot("18b-jurisdiction-answers-in-the-thread");
        signOut();

        // Baltimore's contacts were emailed DOJ's message, with the link to the demand's page.
        String demandPath = "/#/demands/" + demandHash.substring("#/demands/".length());
        String emailed = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> mailTo("grants@baltimore.example") + mailTo("solicitor@baltimore.example"),
                        body -> body.contains("booking agreement") && body.contains(demandPath));
        assertThat(emailed).contains(demandPath);

        // Baltimore's answer is in DOJ's inbox, leading to the same page.
        signIn("doj.officer");
        WebElement answer = inboxNotice("attached to our answer");
        assertThat(answer.getText()).contains("New message from").contains(subject);
        assertThat(answer.findElement(By.tagName("a")).getDomAttribute("href")).isEqualTo(demandHash);
        answer.findElement(By.tagName("a")).click();
        ready();
        assertThat(driver.getCurrentUrl()).endsWith(demandHash);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("thread"), "attached to our answer"));
        signOut();
    }

    /**
     * The row of the caller's inbox whose text contains {@code text}: the inbox page, read again (a reload) until the
     * notice is there, for up to 20 s (the relay is woken by NOTIFY, so normally well under a second).
     */
    WebElement inboxNotice(String text) {
        go("#/inbox");
        By row = By.xpath("//table[@id='inbox']//tbody/tr[contains(., " + xpathText(text) + ")]");
        return new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(500))
                .ignoring(StaleElementReferenceException.class)
                .withMessage("a notice containing \"" + text + "\" in the inbox")
                .until(d -> {
                    List<WebElement> found = d.findElements(row);
                    if (!found.isEmpty()) {
                        return found.get(0);
                    }
                    d.navigate().refresh();
                    ready();
                    return null;
                });
    }

    /** {@code text} as an XPath string literal (the texts here have no double quotes). */
    static String xpathText(String text) {
        return "\"" + text + "\"";
    }

    /** What GreenMail holds for {@code email}, soft line breaks joined and '=' decoded; empty if nothing. */
    String mailTo(String email) {
        TestHttp.Response inbox = suite.mail().get("/api/user/" + email + "/messages/INBOX/", null);
        return inbox.status() == 200 ? inbox.body().replace("=\\r\\n", "").replace("=\r\n", "").replace("=3D", "=") : "";
    }

    static final String ALBUQUERQUE = "7a0c5d3e-0000-4000-8000-000035020000";

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> schedule(String requirement) {
        return (List<Map<String, Object>>) (List<?>) suite.http().get("/api/reminders/schedule?requirementId=" + requirement,
                suite.token("doj.officer")).jsonList();
    }

    @Order(9)
    @Test
    @SuppressWarnings("unchecked")
    void aCourtOrderRecordedInTheWebAppStopsTheRemindersOfTheJurisdictionsItCoversAndDojExtendsAndMovesMoney() throws Exception {
        TestHttp http = suite.http();
        String token = suite.token("doj.officer");
        Map<String, Object> requirement = ((List<Map<String, Object>>) http.get("/api/certifications/requirements?status=OPEN&jurisdictionId="
                + ALBUQUERQUE + "&dueFrom=" + Instant.now().plus(Duration.ofDays(10)) + "&dueTo=" + Instant.now().plus(Duration.ofDays(14)),
                token).json().get("items")).get(0);
        String requirementId = (String) requirement.get("id");
        Map<String, Object> award = http.get("/api/awards/" + requirement.get("awardId"), token).json();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).until(() ->
                schedule(requirementId).stream().anyMatch(r -> "PLANNED".equals(r.get("status"))));

        signIn("doj.officer");
        go("#/court-orders");
        driver.findElement(By.id("order-case")).sendKeys("City of Albuquerque v. DOJ (demo)");
        driver.findElement(By.id("order-number")).sendKeys("1:26-cv-0" + (System.currentTimeMillis() % 10000));
        driver.findElement(By.id("order-court")).sendKeys("D.N.M.");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('order-date').value = arguments[0]",
                java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString());
        new Select(driver.findElement(By.id("order-scope"))).selectByValue("JURISDICTIONS");
        driver.findElement(By.id("order-jurisdictions")).sendKeys(ALBUQUERQUE);
        ((JavascriptExecutor) driver).executeScript("const y = document.getElementById('order-fy'); y.value = arguments[0];"
                + " y.dispatchEvent(new Event('change'))", String.valueOf(award.get("fiscalYear")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#order-conditions[data-fy='" + award.get("fiscalYear") + "']")));
        WebElement condition = wait.until(ExpectedConditions.elementToBeClickable(By.id("cond-" + requirement.get("conditionId"))));
        condition.click();
        shot("19-doj-court-order");
        driver.findElement(By.id("create-order")).click();
        assertThat(text(By.cssSelector("#orders-status .msg"))).startsWith("Recorded");

        go("#/requirements/" + requirementId);
        assertThat(text(By.id("requirement-status"))).contains("Enjoined");
        // the notifications service re-reads the changed requirement and stops its reminders
        http.post("/api/reminders/run", suite.token("admin"), Map.of());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(3)).until(() -> {
            List<Map<String, Object>> planned = schedule(requirementId);
            return planned.stream().noneMatch(r -> "PLANNED".equals(r.get("status")))
                    && planned.stream().anyMatch(r -> String.valueOf(r.get("reason")).contains("court order"));
        });

        // an extension with its reason, from the requirement page
        ((JavascriptExecutor) driver).executeScript("document.getElementById('extend-date').value = arguments[0]",
                java.time.LocalDate.now().plusDays(60).toString());
        driver.findElement(By.id("extend-reason")).sendKeys("Litigation pending in D.N.M.");
        driver.findElement(By.id("extend")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("extensions"), "Litigation pending in D.N.M."));

        // an award's state and money, with its ledger: activate, disburse, initiate a clawback, recover part
        String number = "2017-DJ-BX-9" + String.format("%03d", System.currentTimeMillis() % 1000);
        TestHttp.Response made = http.post("/api/awards", token, Map.of("jurisdictionId", BALTIMORE,
                "programId", "0f7e1c2a-0000-4000-8000-00000000a001", "fiscalYear", 2017, "awardNumber", number,
                "amount", "5000.00", "awardDate", java.time.LocalDate.now().toString()));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        String awardId = (String) made.json().get("id");
        assertThat(http.post("/api/awards/" + awardId + "/transitions", suite.token("baltimore.official"),
                Map.of("status", "ACCEPTED")).status()).isEqualTo(200);
        go("#/awards/" + awardId);
        new Select(driver.findElement(By.id("transition-status"))).selectByValue("ACTIVE");
        driver.findElement(By.id("transition")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("award-state"), "ACTIVE"));
        ready();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("money-amount"))).sendKeys("1000.00");
        driver.findElement(By.id("money-reason")).sendKeys("First drawdown");
        driver.findElement(By.id("record-money")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "First drawdown"));
        ready();
        new Select(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("transition-status")))).selectByValue("CLAWBACK_INITIATED");
        driver.findElement(By.id("transition-reason")).sendKeys("Found in violation of the access condition");
        driver.findElement(By.id("transition")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ledger-threatened"), "$1,000.00"));
        ready();
        new Select(driver.findElement(By.id("money-kind"))).selectByValue("CLAWBACK");
        driver.findElement(By.id("money-amount")).sendKeys("400.00");
        driver.findElement(By.id("money-reason")).sendKeys("Partial recovery");
        driver.findElement(By.id("record-money")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ledger-recovered"), "$400.00"));
        assertThat(driver.findElement(By.id("ledger-threatened")).getText()).isEqualTo("$600.00");
        shot("20-doj-award-ledger");
        signOut();
    }

    @Order(10)
    @Test
    void aBulkExtensionReachesAllMatchingDeadlinesNotOnlyThePage() throws Exception {
        signIn("doj.officer");
        new Select(driver.findElement(By.id("f-state"))).selectByValue("RI");
        new Select(driver.findElement(By.id("f-status"))).selectByValue("OPEN");
        driver.findElement(By.id("apply-filters")).click();
        WebElement run = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("bulk-run")));
        int total = Integer.parseInt(run.getText().replaceAll("[^0-9]", ""));
        assertThat(total).as("Rhode Island's open certifications").isPositive();
        new Select(driver.findElement(By.id("bulk-action"))).selectByValue("EXTEND");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('bulk-date').value = arguments[0]",
                java.time.LocalDate.now().plusDays(120).toString());
        driver.findElement(By.id("bulk-reason")).sendKeys("Evanston injunction: acceptance extended");
        run.click();
        org.openqa.selenium.Alert confirm = wait.until(ExpectedConditions.alertIsPresent());
        assertThat(confirm.getText()).isEqualTo("Extend all " + total + " matching requirements?");
        confirm.accept();
        assertThat(text(By.cssSelector("#bulk-status .msg"))).isEqualTo("Done: " + total + " changed, 0 refused.");
        shot("21-doj-bulk-extension");

        // The same list, reminded now: a DOJ message on every owed one's thread; one a court order enjoins is refused, with the reason.
        new Select(driver.findElement(By.id("bulk-action"))).selectByValue("REMIND");
        WebElement note = driver.findElement(By.id("bulk-reason"));
        note.clear();
        note.sendKeys("The extension is in your award's ledger.");
        driver.findElement(By.id("bulk-run")).click();
        confirm = wait.until(ExpectedConditions.alertIsPresent());
        assertThat(confirm.getText()).isEqualTo("Send a reminder now to all " + total + " matching requirements?");
        confirm.accept();
        String done = text(By.cssSelector("#bulk-status .msg"));
        java.util.regex.Matcher counts = java.util.regex.Pattern.compile("^Done: (\\d+) reminded .*, (\\d+) refused\\.$").matcher(done);
        assertThat(counts.matches()).as(done).isTrue();
        int reminded = Integer.parseInt(counts.group(1));
        int refused = Integer.parseInt(counts.group(2));
        assertThat(reminded).isPositive();
        assertThat(reminded + refused).isEqualTo(total);
        if (refused > 0) {
            assertThat(driver.findElements(By.cssSelector("#bulk-refusals li"))).hasSize(refused)
                    .allSatisfy(li -> assertThat(li.getText()).contains("enjoined"));
        }
        shot("21b-doj-bulk-reminder");
        signOut();
    }

    @Order(11)
    @Test
    void anAuditorReadsTheirNotificationPreferencesAndGetsTheirCalendarFeedAndADojOfficerSavesTheirs() throws Exception {
        signIn("auditor");
        go("#/preferences");
        WebElement reminder = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kind-REMINDER")));
        assertThat(reminder.isEnabled()).as("auditors change nothing").isFalse();
        assertThat(driver.findElement(By.id("kind-ESCALATION")).isEnabled()).isFalse();
        assertThat(driver.findElements(By.id("save-preferences"))).isEmpty();
        driver.findElement(By.id("show-feed")).click();
        WebElement feed = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("my-feed-url")));
        String url = feed.getDomProperty("value");
        assertThat(url).contains("/api/calendar/ics/").endsWith(".ics");
        TestHttp.Response ics = suite.http().get(url.substring(url.indexOf("/api/")), null);   // as a calendar app: no token
        assertThat(ics.status()).as(ics.toString()).isEqualTo(200);
        assertThat(ics.body()).startsWith("BEGIN:VCALENDAR");
        shot("22-auditor-notification-preferences");
        signOut();

        signIn("doj.officer");
        go("#/preferences");
        WebElement day = wait.until(ExpectedConditions.elementToBeClickable(By.id("kind-DUE_TODAY")));
        assertThat(driver.findElement(By.id("kind-ESCALATION")).isEnabled()).as("mandatory").isFalse();
        if (day.isSelected()) {
            day.click();
        }
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("digest-hour"))).selectByValue("7");
        driver.findElement(By.id("save-preferences")).click();
        assertThat(text(By.cssSelector("#preferences-status .msg"))).isEqualTo("Your choices are saved.");
        TestHttp.Response saved = suite.http().get("/api/notifications/preferences/me", suite.token("doj.officer"));
        assertThat(saved.json()).containsEntry("digestHour", 7);
        assertThat(saved.json().get("declined").toString()).contains("DUE_TODAY");
        signOut();
    }

    @Order(12)
    @Test
    void aBaltimoreSolicitorSignsInThroughTheCitysOwnProviderAndAnUnmappedColleagueIsTurnedAway() throws Exception {
        String subject = "e2e-solicitor-" + System.currentTimeMillis();
        oidc.enqueueCallback(new DefaultOAuth2TokenCallback("baltimore", subject, "JWT", List.of(SSO_CLIENT),
                Map.of("groups", List.of("city-solicitor"), "name", "Pat Solicitor"), 3600));
        driver.get(suite.url() + "/");
        WebElement provider = wait.until(ExpectedConditions.elementToBeClickable(By.id("sso-baltimore")));
        assertThat(provider.getText()).isEqualTo("Baltimore City (test provider)");
        shot("23-sign-in-with-providers");
        provider.click();                                        // to the provider, which answers at once, and back
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")));
        ready();
        assertThat(text(By.id("who"))).startsWith("sso.baltimore.").contains("Legal officer");
        shot("24-signed-in-through-sso");
        // The session is GrantLine's own, bound to the jurisdiction the provider vouches for, with the mapped role.
        String username = text(By.cssSelector("#who span")).split(" ")[0];
        TestHttp.Response users = suite.http().get("/api/users?size=100&jurisdictionId=" + BALTIMORE, suite.token("admin"));
        assertThat(users.status()).as(users.toString()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) users.json().get("items");
        assertThat(items).filteredOn(u -> username.equals(u.get("username"))).singleElement()
                .satisfies(u -> assertThat(u).containsEntry("jurisdictionId", BALTIMORE).containsEntry("roles", List.of("LEGAL_OFFICER")));
        signOut();

        oidc.enqueueCallback(new DefaultOAuth2TokenCallback("baltimore", "e2e-parks-" + System.currentTimeMillis(), "JWT",
                List.of(SSO_CLIENT), Map.of("groups", List.of("parks-staff")), 3600));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sso-baltimore"))).click();
        assertThat(text(By.cssSelector("#main .msg-error"))).contains("did not give you access to GrantLine");
        assertThat(driver.findElements(By.id("sign-out"))).isEmpty();
    }

    @Order(13)
    @Test
    void baltimoresAgencyAdministratorInvitesAColleagueWhoSetsAPasswordFromTheEmailAndSignsIn() throws Exception {
        String username = "web.invitee." + (System.currentTimeMillis() % 100000);
        String email = username + "@baltimore.example";
        signIn("baltimore.admin");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-username='baltimore.official']")));
        assertThat(driver.findElements(By.cssSelector("tr[data-username='doj.officer']"))).as("only Baltimore's users").isEmpty();
        assertThat(driver.findElements(By.id("invite-jurisdiction"))).as("their own jurisdiction, always").isEmpty();
        driver.findElement(By.id("invite-email")).sendKeys(email);
        driver.findElement(By.id("invite-username")).sendKeys(username);
        driver.findElement(By.id("invite-name")).sendKeys("Robin Invitee");
        new Select(driver.findElement(By.id("invite-role"))).selectByValue("LEGAL_OFFICER");
        assertThat(new Select(driver.findElement(By.id("invite-role"))).getOptions()).extracting(o -> o.getDomAttribute("value"))
                .containsExactlyInAnyOrder("JURISDICTION_OFFICIAL", "LEGAL_OFFICER", "AGENCY_ADMIN");
        driver.findElement(By.id("invite-user")).click();
        assertThat(text(By.cssSelector("#users-status .msg"))).startsWith("An invitation is on its way to " + email);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("invitation-" + username)));
        shot("25-agency-admin-invites");
        signOut();

        // The email, as GreenMail received it: its link opens the web app's invitation page.
        String link = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> invitationLink(email), java.util.Objects::nonNull);
        assertThat(link).startsWith(suite.url() + "/#/invitation/");
        driver.get(link);
        ready();
        String password = "robin-invitee-" + System.nanoTime();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("invitation-password"))).sendKeys(password);
        driver.findElement(By.id("invitation-password-again")).sendKeys(password);
        driver.findElement(By.id("accept-invitation")).click();
        assertThat(text(By.cssSelector("#invitation-status .msg"))).contains("Your account " + username + " is ready");
        driver.findElement(By.id("go-sign-in")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in")));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")));
        ready();
        assertThat(text(By.id("who"))).startsWith(username).contains("Legal officer");
        shot("26-invitee-signed-in");
        signOut();

        // The link worked once.
        driver.get(link);
        ready();
        assertThat(text(By.cssSelector("#invitation-status .msg-error"))).isNotBlank();
        assertThat(driver.findElements(By.id("invitation-password"))).isEmpty();
    }

    /**
     * Passkeys in the real browser: Chromium's virtual authenticator (a platform authenticator with
     * user verification, through WebDriver's WebAuthn extension) makes the passkey on the account page,
     * and then signs in with it alone — no username, password or code.
     */
    @Order(14)
    @Test
    void anOfficialAddsAPasskeyAndThenSignsInWithItAlone() throws Exception {
        VirtualAuthenticator device = ((HasVirtualAuthenticator) driver).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2).setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(true).setIsUserConsenting(true));
        signIn("baltimore.official");
        go("#/account");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("add-passkey")));
        driver.findElement(By.id("passkey-name")).sendKeys("Chromium on the test machine");
        driver.findElement(By.id("add-passkey")).click();
        assertThat(text(By.cssSelector("#passkeys-status .msg"))).contains("The passkey is added");
        assertThat(text(By.id("passkey-list"))).contains("Chromium on the test machine").contains("never");
        assertThat(device.getCredentials()).singleElement().satisfies(c -> assertThat(c.isResidentCredential()).isTrue());
        shot("27-passkey-added");
        signOut();

        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in-passkey"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")));
        ready();
        assertThat(text(By.id("who"))).startsWith("baltimore.official");
        go("#/account");
        assertThat(text(By.id("passkey-list"))).doesNotContain("never");   // last used: just now
        shot("28-passkey-signed-in");
        signOut();
        ((HasVirtualAuthenticator) driver).removeVirtualAuthenticator(device);
    }

    /** The invitation link in the newest email GreenMail holds for {@code email}, or null if none has come. */
    String invitationLink(String email) {
        TestHttp.Response inbox = suite.mail().get("/api/user/" + email + "/messages/INBOX/", null);
        if (inbox.status() != 200) {
            return null;
        }
        // The text part may be quoted-printable: join its soft line breaks and decode '=' before reading the link.
        String body = inbox.body().replace("=\\r\\n", "").replace("=\r\n", "").replace("=3D", "=");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(http://[^\\s\"<\\\\]+/#/invitation/[A-Za-z0-9_-]+)").matcher(body);
        String found = null;
        while (m.find()) {
            found = m.group(1);
        }
        return found;
    }
}
