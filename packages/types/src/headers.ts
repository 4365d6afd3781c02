// The headers of a notification besides the signature (spec/openapi.yaml, webhooks: parameters
// NotificationId and NotificationAttempt). Neither is signed.

/** The notification's id, the same on every attempt: a deduplication hint. */
export const NOTIFICATION_ID_HEADER = "Gatekit-Notification-Id";

/** The attempt number, 1 for the first delivery. */
export const NOTIFICATION_ATTEMPT_HEADER = "Gatekit-Notification-Attempt";
