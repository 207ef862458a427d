// A small TopoJSON reader: turns the polygons of a (quantized) topology into SVG path strings.
// The us-atlas "albers" files are already projected (Albers USA, 975 x 610), so no projection is needed.
export function decodeArcs(topology) {
  const t = topology.transform;
  return topology.arcs.map(arc => {
    let x = 0, y = 0;
    return arc.map(p => {
      if (t) { x += p[0]; y += p[1]; return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]]; }
      return [p[0], p[1]];
    });
  });
}

function ring(indexes, arcs) {
  const points = [];
  for (const i of indexes) {
    const arc = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
    arc.forEach((p, k) => { if (k > 0 || points.length === 0) points.push(p); });
  }
  return 'M' + points.map(p => p[0].toFixed(1) + ',' + p[1].toFixed(1)).join('L') + 'Z';
}

/** [{id, name, d}] for every geometry of one object of the topology. */
export function features(topology, objectName) {
  const arcs = decodeArcs(topology);
  return topology.objects[objectName].geometries.map(g => {
    let polygons = [];
    if (g.type === 'Polygon') polygons = [g.arcs];
    else if (g.type === 'MultiPolygon') polygons = g.arcs;
    const d = polygons.map(rings => rings.map(r => ring(r, arcs)).join('')).join('');
    return { id: g.id, name: g.properties && g.properties.name, d };
  }).filter(f => f.d);
}
