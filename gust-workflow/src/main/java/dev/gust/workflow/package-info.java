/**
 * Durable workflows in the Amazon States Language: definitions ({@code Definitions}) parsed and
 * validated with a JSON pointer for every problem, paths and payload templates with the intrinsic
 * functions ({@code Paths}, {@code PayloadTemplate}, {@code Intrinsics}), and the execution of
 * state machines whose every transition is a committed history event.
 */
package dev.gust.workflow;
