// The grid map of the console (/grids): Leaflet on a plain background (no internet tiles here; a tile URL can be
// configured for production), the community's grids as labelled polygons, and drawing a new grid by clicking points.
// Blazor calls create() once per map element and then the returned controller's methods; the map calls .NET back
// through a DotNetObjectReference (OnGridClicked, OnDrawProgress, OnPolygonDrawn).

let leafletLoaded;

function loadLeaflet() {
    if (window.L) return Promise.resolve();
    leafletLoaded ??= new Promise((resolve, reject) => {
        // The page links leaflet.css itself; this covers a page that forgot to.
        if (!document.querySelector("link[href*='lib/leaflet/leaflet']")) {
            const css = document.createElement("link");
            css.rel = "stylesheet";
            css.href = "lib/leaflet/leaflet.css";
            document.head.appendChild(css);
        }
        const script = document.createElement("script");
        script.src = "lib/leaflet/leaflet.js";
        script.onload = () => resolve();
        script.onerror = () => reject(new Error("leaflet.js did not load"));
        document.head.appendChild(script);
    });
    return leafletLoaded;
}

const gridStyle = { color: "#b71c1c", weight: 2, fillColor: "#ef9a9a", fillOpacity: 0.25 };
const selectedStyle = { color: "#0d47a1", weight: 3, fillColor: "#90caf9", fillOpacity: 0.35 };

function escapeHtml(text) {
    const div = document.createElement("div");
    div.textContent = text ?? "";
    return div.innerHTML;
}

/**
 * @param {HTMLElement} element the map's container
 * @param {any} dotnet a DotNetObjectReference to the page
 * @param {{ lat: number, lng: number, tileUrl?: string, tileSubdomains?: string, tileAttribution?: string }} options
 */
export async function create(element, dotnet, options) {
    await loadLeaflet();
    const L = window.L;
    const map = L.map(element, { doubleClickZoom: false, attributionControl: !!options.tileUrl, zoomSnap: 0.25 });
    if (options.tileUrl) {
        L.tileLayer(options.tileUrl, {
            subdomains: options.tileSubdomains || "abc",
            attribution: options.tileAttribution || "",
            maxZoom: 18,
        }).addTo(map);
    }
    map.setView([options.lat, options.lng], 15);
    const grids = L.featureGroup().addTo(map);
    const sketch = L.layerGroup().addTo(map);
    const layers = new Map();
    let selectedId = null;
    let drawing = null; // the points being drawn, or null

    function redrawSketch() {
        sketch.clearLayers();
        if (!drawing) return;
        if (drawing.length >= 2) {
            L.polygon(drawing, { color: "#0d47a1", dashArray: "6 4", weight: 2, fillOpacity: 0.15, interactive: false }).addTo(sketch);
        }
        for (const point of drawing) {
            L.circleMarker(point, { radius: 5, color: "#0d47a1", fillColor: "#fff", fillOpacity: 1, interactive: false }).addTo(sketch);
        }
    }

    map.on("click", e => {
        if (!drawing) return;
        drawing.push([e.latlng.lat, e.latlng.lng]);
        redrawSketch();
        dotnet.invokeMethodAsync("OnDrawProgress", drawing.length);
    });
    // A double click ends the drawing (its two clicks added the same point twice; finish() drops repeats).
    map.on("dblclick", () => { if (drawing) controller.finish(); });

    const controller = {
        /** Shows the grids: [{ id, name, label, popup, geometry }] (geometry: GeoJSON or null). */
        show(items, fit) {
            grids.clearLayers();
            layers.clear();
            for (const item of items) {
                if (!item.geometry) continue;
                const layer = L.geoJSON(item.geometry, { style: () => (item.id === selectedId ? selectedStyle : gridStyle) });
                layer.bindTooltip(`<strong>${escapeHtml(item.name)}</strong><br/><span>${escapeHtml(item.label)}</span>`,
                    { permanent: true, direction: "center", className: "grid-label" });
                layer.bindPopup(item.popup ? `<strong>${escapeHtml(item.name)}</strong><br/>${escapeHtml(item.popup).replaceAll("\n", "<br/>")}` : escapeHtml(item.name));
                layer.on("click", () => { if (!drawing) dotnet.invokeMethodAsync("OnGridClicked", item.id); });
                layer.addTo(grids);
                layers.set(item.id, layer);
            }
            if (fit && grids.getLayers().length > 0) map.fitBounds(grids.getBounds(), { padding: [24, 24] });
        },

        select(id) {
            selectedId = id;
            for (const [key, layer] of layers) layer.setStyle(key === id ? selectedStyle : gridStyle);
            // Move the map only when the chosen grid is not wholly in view already.
            const layer = layers.get(id);
            if (layer && !map.getBounds().contains(layer.getBounds())) map.fitBounds(layer.getBounds(), { padding: [40, 40], maxZoom: map.getZoom() });
        },

        startDrawing() {
            drawing = [];
            map.closePopup();
            element.classList.add("drawing");
            redrawSketch();
        },

        undo() {
            if (!drawing || drawing.length === 0) return 0;
            drawing.pop();
            redrawSketch();
            return drawing.length;
        },

        cancel() {
            drawing = null;
            element.classList.remove("drawing");
            redrawSketch();
        },

        /** Ends the drawing: with three or more distinct points the closed polygon goes to .NET as GeoJSON text. */
        finish() {
            if (!drawing) return false;
            const points = drawing.filter((p, i) => i === 0 || p[0] !== drawing[i - 1][0] || p[1] !== drawing[i - 1][1]);
            if (points.length < 3) return false;
            const ring = points.map(p => [Math.round(p[1] * 1e7) / 1e7, Math.round(p[0] * 1e7) / 1e7]);
            ring.push(ring[0]);
            const geometry = { type: "Polygon", coordinates: [ring] };
            drawing = null;
            element.classList.remove("drawing");
            redrawSketch();
            dotnet.invokeMethodAsync("OnPolygonDrawn", JSON.stringify(geometry));
            return true;
        },

        /** The pixel position of a place in the map element (used by the browser tests to click a known spot). */
        pointOf(lat, lng) {
            const p = map.latLngToContainerPoint([lat, lng]);
            return { x: p.x, y: p.y };
        },

        /** The geographic position of the map element's centre (the place new grids usually start from). */
        centre() {
            const c = map.getCenter();
            return { lat: c.lat, lng: c.lng };
        },

        invalidate() {
            map.invalidateSize();
        },

        dispose() {
            map.remove();
        },
    };
    element.gridMap = controller;
    return controller;
}
