// The resident report page's map: a tap picks the point of the problem and the grid it falls in. The form works
// without it (address and grid list); this only fills the hidden latitude/longitude and the grid choice.
(function () {
  "use strict";
  var element = document.getElementById("report-map");
  if (!element || typeof L === "undefined") return;
  var grids = JSON.parse(element.dataset.grids || "[]").filter(function (g) { return g.boundary; });
  if (grids.length === 0) return;
  element.hidden = false;

  var latitude = document.getElementById("report-latitude");
  var longitude = document.getElementById("report-longitude");
  var gridSelect = document.getElementById("report-grid");
  var status = document.getElementById("report-map-status");

  // No internet tiles: the grids are drawn on a plain background.
  var map = L.map(element, { attributionControl: false, zoomSnap: 0.25 });
  var layers = L.featureGroup().addTo(map);
  grids.forEach(function (grid) {
    grid.geometry = JSON.parse(grid.boundary);
    L.geoJSON(grid.geometry, { style: { color: "#b71c1c", weight: 2, fillOpacity: 0.08 } })
      .bindTooltip(grid.name, { permanent: true, direction: "center", className: "grid-label" })
      .addTo(layers);
  });
  map.fitBounds(layers.getBounds(), { padding: [12, 12] });

  var marker = null;
  function place(lat, lng) {
    if (marker) marker.setLatLng([lat, lng]); else marker = L.circleMarker([lat, lng], { radius: 8, color: "#0d47a1", fillOpacity: 0.9 }).addTo(map);
    latitude.value = lat.toFixed(7);
    longitude.value = lng.toFixed(7);
    var found = grids.find(function (g) { return contains(g.geometry, lng, lat); });
    if (found) {
      gridSelect.value = found.id;
      status.textContent = element.dataset.picked.replace("{0}", found.name);
    } else {
      gridSelect.value = "";
      status.textContent = element.dataset.outside;
    }
  }
  map.on("click", function (e) { place(e.latlng.lat, e.latlng.lng); });
  if (latitude.value && longitude.value) place(parseFloat(latitude.value), parseFloat(longitude.value));

  // Even-odd test per polygon (outer ring minus holes); the server decides again on submit.
  function contains(geometry, x, y) {
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    return polygons.some(function (rings) {
      if (!inRing(rings[0], x, y)) return false;
      return !rings.slice(1).some(function (hole) { return inRing(hole, x, y); });
    });
  }
  function inRing(ring, x, y) {
    var inside = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
      if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  }
})();
