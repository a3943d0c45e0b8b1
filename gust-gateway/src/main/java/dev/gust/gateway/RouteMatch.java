package dev.gust.gateway;

import java.util.Map;

/**
 * A request's route.
 *
 * @param route the most specific route that matched
 * @param pathParameters the decoded values of its parameters
 */
record RouteMatch(Route route, Map<String, String> pathParameters) {
}
