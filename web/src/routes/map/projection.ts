// An equirectangular projection scaled by the cosine of the middle latitude: honest
// enough at the scale of one operation, and a few lines instead of a map library.
export interface Point {
  lon: number;
  lat: number;
}

export interface Projection {
  project(p: Point): [number, number];
  width: number;
  height: number;
}

export function fit(points: Point[], width: number, height: number, padding: number, minSpanDeg: number): Projection {
  const lons = points.map((p) => p.lon);
  const lats = points.map((p) => p.lat);
  let [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const k = Math.cos((((south + north) / 2) * Math.PI) / 180);
  // Widen to a minimum span, then to the frame's aspect ratio, around the centre.
  const grow = (lo: number, hi: number, span: number): [number, number] => {
    const mid = (lo + hi) / 2;
    const half = Math.max(hi - lo, span) / 2;
    return [mid - half, mid + half];
  };
  [west, east] = grow(west, east, minSpanDeg / k);
  [south, north] = grow(south, north, minSpanDeg);
  const inner = { w: width - 2 * padding, h: height - 2 * padding };
  const scale = Math.min(inner.w / ((east - west) * k), inner.h / (north - south));
  const cx = (west + east) / 2;
  const cy = (south + north) / 2;
  return {
    width,
    height,
    project: ({ lon, lat }) => [width / 2 + (lon - cx) * k * scale, height / 2 - (lat - cy) * scale],
  };
}
