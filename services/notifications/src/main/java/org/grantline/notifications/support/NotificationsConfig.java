package org.grantline.notifications.support;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/** {@code grantline.notifications.*}: defaults for planning and delivery; see the README. */
@ConfigurationProperties("grantline.notifications")
public class NotificationsConfig {
    /** Days before the deadline (0: the day itself). */
    private List<Integer> offsetsDays = List.of(30, 14, 7, 3, 1, 0);
    /** Days after the deadline; these also escalate. */
    private List<Integer> overdueDays = List.of(1, 7);
    private LocalTime sendTime = LocalTime.of(9, 0);
    /** Contact roles (jurisdiction service) that receive reminders, and those added on escalation. */
    private List<String> reminderRoles = List.of("GRANT_MANAGER", "CHIEF_LEGAL_OFFICER");
    private List<String> escalationRoles = List.of("CHIEF_EXECUTIVE");
    /** The DOJ officer escalations go to when a program names none. */
    private String dojOfficerEmail = "";
    private String dojOfficerName = "DOJ grant officer";
    private String fromEmail = "reminders@grantline.invalid";
    private String fromName = "GrantLine reminders";
    /** Where links in emails and calendars point (the gateway's public URL). */
    private String appUrl = "http://localhost:8080";
    /** A newly seen requirement gets the reminders due from this long ago on, not older ones. */
    private Duration catchUp = Duration.ofHours(36);
    /** How long a claim or the feed lease holds without a heartbeat (ClaimHeartbeat beats every claim-heartbeat, 5 s). */
    private Duration lease = Duration.ofSeconds(15);
    private int maxAttempts = 8;
    private Duration backoffBase = Duration.ofSeconds(30);
    private Duration backoffCap = Duration.ofHours(1);
    private int batchSize = 500;
    private int emailThreads = 4;
    private Duration webhookTimeout = Duration.ofSeconds(5);
    /** Webhooks to http and to this machine or network: the embedded default only (see WebhookTargets). */
    private boolean webhookLocalTargets;
    /** How long who a feed's or webhook's owner is now (from the gateway) is kept before it is asked again. */
    private Duration ownerCheckTtl = Duration.ofSeconds(2);
    private int feedPageSize = 2500;
    /** How often the replica running a run asked for over HTTP says it is alive, and when a silent one counts as abandoned. */
    private Duration runHeartbeat = Duration.ofSeconds(5);
    private Duration runAbandonedAfter = Duration.ofSeconds(20);

    public List<Integer> getOffsetsDays() { return offsetsDays; }
    public void setOffsetsDays(List<Integer> v) { offsetsDays = List.copyOf(v); }
    public List<Integer> getOverdueDays() { return overdueDays; }
    public void setOverdueDays(List<Integer> v) { overdueDays = List.copyOf(v); }
    public LocalTime getSendTime() { return sendTime; }
    public void setSendTime(LocalTime v) { sendTime = v; }
    public List<String> getReminderRoles() { return reminderRoles; }
    public void setReminderRoles(List<String> v) { reminderRoles = List.copyOf(v); }
    public List<String> getEscalationRoles() { return escalationRoles; }
    public void setEscalationRoles(List<String> v) { escalationRoles = List.copyOf(v); }
    public String getDojOfficerEmail() { return dojOfficerEmail; }
    public void setDojOfficerEmail(String v) { dojOfficerEmail = v == null ? "" : v; }
    public String getDojOfficerName() { return dojOfficerName; }
    public void setDojOfficerName(String v) { dojOfficerName = v; }
    public String getFromEmail() { return fromEmail; }
    public void setFromEmail(String v) { fromEmail = v; }
    public String getFromName() { return fromName; }
    public void setFromName(String v) { fromName = v; }
    public String getAppUrl() { return appUrl; }
    public void setAppUrl(String v) { appUrl = v.endsWith("/") ? v.substring(0, v.length() - 1) : v; }
    public Duration getCatchUp() { return catchUp; }
    public void setCatchUp(Duration v) { catchUp = v; }
    public Duration getLease() { return lease; }
    public void setLease(Duration v) { lease = v; }
    public int getMaxAttempts() { return maxAttempts; }
    public void setMaxAttempts(int v) { maxAttempts = v; }
    public Duration getBackoffBase() { return backoffBase; }
    public void setBackoffBase(Duration v) { backoffBase = v; }
    public Duration getBackoffCap() { return backoffCap; }
    public void setBackoffCap(Duration v) { backoffCap = v; }
    public int getBatchSize() { return batchSize; }
    public void setBatchSize(int v) { batchSize = v; }
    public int getEmailThreads() { return emailThreads; }
    public void setEmailThreads(int v) { emailThreads = v; }
    public Duration getWebhookTimeout() { return webhookTimeout; }
    public void setWebhookTimeout(Duration v) { webhookTimeout = v; }
    public boolean isWebhookLocalTargets() { return webhookLocalTargets; }
    public void setWebhookLocalTargets(boolean v) { webhookLocalTargets = v; }
    public Duration getOwnerCheckTtl() { return ownerCheckTtl; }
    public void setOwnerCheckTtl(Duration v) { ownerCheckTtl = v; }
    public int getFeedPageSize() { return feedPageSize; }
    public void setFeedPageSize(int v) { feedPageSize = v; }
    public Duration getRunHeartbeat() { return runHeartbeat; }
    public void setRunHeartbeat(Duration v) { runHeartbeat = v; }
    public Duration getRunAbandonedAfter() { return runAbandonedAfter; }
    public void setRunAbandonedAfter(Duration v) { runAbandonedAfter = v; }
}
