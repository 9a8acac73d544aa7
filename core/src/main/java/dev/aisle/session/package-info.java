/**
 * From events to browse sessions. {@link dev.aisle.session.SessionSplitter} groups events by a
 * session id, or cuts each customer's time-ordered events at pauses longer than a gap (30 minutes
 * by default, the web-analytics convention the talk used). {@link dev.aisle.session.SessionCleaner}
 * then applies the preprocessing of session-based recommendation research (Ludewig and Jannach,
 * "Evaluation of session-based recommendation algorithms", UMUAI 2018): optional collapsing of
 * repeated views, removal of sessions of length 1 and of products seen fewer than 5 times, plus a
 * filter for bot-like customers.
 */
package dev.aisle.session;
