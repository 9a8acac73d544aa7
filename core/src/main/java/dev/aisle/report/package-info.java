/**
 * The evaluation report as one self-contained HTML file: the results table and charts drawn as
 * inline SVG, no scripts and no network, so it opens anywhere and can be attached to an issue.
 */
package dev.aisle.report;
