#pragma once
// Great-circle distance (haversine, mean Earth radius 6371.0088 km). O(1).

namespace corridor::core {

double great_circle_km(double lat1, double lon1, double lat2, double lon2);

}  // namespace corridor::core
