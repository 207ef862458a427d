package org.grantline.e2e;

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
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

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
 * and submits Baltimore's open certification, DOJ accepts it and it leaves the official's list, the
 * auditor finds it in the trail, the admin disables a user who then cannot sign in. Screenshots of
 * the main pages go to {@code target/screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebIT {
    static final String PASSWORD = "web-demo-password";
    static final String BALTIMORE = "7a0c5d3e-0000-4000-8000-000024040000";
    static final Path SHOTS = Path.of("target", "screenshots");

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
        suite = Suite.up(PASSWORD);
        requirementId = baltimoresRequirementDueInFiveDays();
    }

    @AfterAll
    void down() throws Exception {
        if (suite != null) {
            suite.down();
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

    String text(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by)).getText();
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
        driver.findElement(By.cssSelector(".submission button.accept")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("requirement-status"), "Accepted"));
        shot("08-doj-accepted");

        go("#/map");
        wait.until(d -> d.findElements(By.cssSelector("#states path")).size() >= 50);
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
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-username='" + username + "']")));
        row.findElement(By.cssSelector("button.danger")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("users-status"), "disabled"));
        assertThat(driver.findElement(By.cssSelector("tr[data-username='" + username + "']")).getText()).contains("Disabled");
        shot("14-admin-users");
        signOut();

        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("sign-in")).click();
        assertThat(text(By.cssSelector("#signin-status .msg-error"))).startsWith("The username or password is wrong");
    }
}
