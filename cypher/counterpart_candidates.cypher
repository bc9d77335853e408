// Counterparts of an actor in another country, ranked as `govgraph counterparts ACTOR
// --country C` ranks them with the default weights (docs/counterparts.md): the weighted mean
// of the competence overlap (0.45), tier closeness (0.20), proximity (0.15), scale (0.10) and
// kind (0.10), over the parts that are known. Candidates are the actors of the country serving
// a territory within 3 BORDERS steps (as in competence_holders_around; a competence an actor
// transferred to a body is not in its profile). Ties: competence part,
// then border steps, then id.
// params: dataset (dataset name), actor (actor id, e.g. fr-cc-bouzonvillois-trois-frontieres), country (ISO code of the other side, e.g. DE)
MATCH (a:Actor {dataset: $dataset, id: $actor})
OPTIONAL MATCH (a)-[:GOVERNS]->(g:Territory)
OPTIONAL MATCH (a)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->(mt:Territory)
OPTIONAL MATCH (a)-[:EXERCISES]->(f:Actor)
OPTIONAL MATCH (f)-[:GOVERNS]->(ft:Territory)
OPTIONAL MATCH (f)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->(fmt:Territory)
WITH a, collect(DISTINCT g) AS governed, collect(DISTINCT mt) AS via_members,
     collect(DISTINCT ft) + collect(DISTINCT fmt) AS via_holders
WITH a, CASE WHEN size(governed) > 0 THEN governed
             WHEN size(via_members) > 0 THEN via_members ELSE via_holders END AS served_a
UNWIND served_a AS s
MATCH (inner:Territory)-[:PART_OF*0..]->(s)
WITH a, served_a, collect(DISTINCT inner) AS start
UNWIND start AS st
MATCH p = (st)-[:BORDERS*0..3]-(t:Territory)
WITH a, served_a, t, min(length(p)) AS steps
MATCH (t)-[:PART_OF*0..]->(up:Territory)
WITH a, served_a, up, min(steps) AS steps
CALL (up) {
  MATCH (b:Actor)-[:GOVERNS]->(up) RETURN b
  UNION
  MATCH (b:Actor)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->(up) WHERE NOT (b)-[:GOVERNS]->() RETURN b
  UNION
  MATCH (b:Actor)-[:EXERCISES]->(:Actor)-[:GOVERNS]->(up)
  WHERE NOT (b)-[:GOVERNS]->() AND NOT (b)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->() RETURN b
  UNION
  MATCH (b:Actor)-[:EXERCISES]->(:Actor)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->(up)
  WHERE NOT (b)-[:GOVERNS]->() AND NOT (b)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->() RETURN b
}
WITH a, served_a, b, min(steps) AS distance
WHERE b <> a AND $country IN b.countries
// what b serves, for its population
OPTIONAL MATCH (b)-[:GOVERNS]->(bg:Territory)
OPTIONAL MATCH (b)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->(bm:Territory)
OPTIONAL MATCH (b)-[:EXERCISES]->(bf:Actor)
OPTIONAL MATCH (bf)-[:GOVERNS]->(bft:Territory)
OPTIONAL MATCH (bf)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->(bfmt:Territory)
WITH a, served_a, b, distance, collect(DISTINCT bg) AS b_governed, collect(DISTINCT bm) AS b_members,
     collect(DISTINCT bft) + collect(DISTINCT bfmt) AS b_holders
WITH a, served_a, b, distance, CASE WHEN size(b_governed) > 0 THEN b_governed
                                    WHEN size(b_members) > 0 THEN b_members ELSE b_holders END AS served_b
// competence profiles: {id, w (role weight), anc (broader ids), parent, cofog (division)}
CALL (a) {
  OPTIONAL MATCH (a)-[h:HOLDS]->(c:Competence)
  // a competence the actor transferred (EXERCISES kind 'transfer') is no longer its own
  WHERE NOT EXISTS {
    MATCH (:Actor)-[e:EXERCISES {kind: 'transfer'}]->(a)
    MATCH (c)-[:BROADER*0..]->(:Competence {dataset: $dataset, id: e.competence})
  }
  OPTIONAL MATCH (c)-[:BROADER*1..]->(anc:Competence)
  OPTIONAL MATCH (c)-[:BROADER]->(parent:Competence)
  WITH c, h, parent, collect(anc.id) AS ancestors
  RETURN [x IN collect(CASE WHEN c IS NULL THEN null ELSE {id: c.id, anc: ancestors, parent: parent.id,
            cofog: substring(coalesce(c.cofog, ''), 0, 2),
            w: CASE h.role WHEN 'exclusive' THEN 1.0 WHEN 'shared' THEN 0.8 WHEN 'delegated' THEN 0.6
                 WHEN 'support' THEN 0.3 WHEN 'liaison' THEN 1.0 ELSE 0.5 END} END) WHERE x IS NOT NULL] AS pa
}
CALL (b) {
  OPTIONAL MATCH (b)-[h:HOLDS]->(c:Competence)
  // a competence the actor transferred (EXERCISES kind 'transfer') is no longer its own
  WHERE NOT EXISTS {
    MATCH (:Actor)-[e:EXERCISES {kind: 'transfer'}]->(b)
    MATCH (c)-[:BROADER*0..]->(:Competence {dataset: $dataset, id: e.competence})
  }
  OPTIONAL MATCH (c)-[:BROADER*1..]->(anc:Competence)
  OPTIONAL MATCH (c)-[:BROADER]->(parent:Competence)
  WITH c, h, parent, collect(anc.id) AS ancestors
  RETURN [x IN collect(CASE WHEN c IS NULL THEN null ELSE {id: c.id, anc: ancestors, parent: parent.id,
            cofog: substring(coalesce(c.cofog, ''), 0, 2),
            w: CASE h.role WHEN 'exclusive' THEN 1.0 WHEN 'shared' THEN 0.8 WHEN 'delegated' THEN 0.6
                 WHEN 'support' THEN 0.3 WHEN 'liaison' THEN 1.0 ELSE 0.5 END} END) WHERE x IS NOT NULL] AS pb
}
WITH a, b, distance, served_a, served_b, pa, pb,
     reduce(s = 0.0, x IN pa | s + x.w) AS wa, reduce(s = 0.0, y IN pb | s + y.w) AS wb
// coverage of each profile by the other: per competence, the best match credit times the weaker
// of the two role weights
WITH a, b, distance, served_a, served_b, pa, pb,
     CASE WHEN wa = 0 OR size(pb) = 0 THEN 0.0 ELSE reduce(s = 0.0, x IN pa | s + reduce(m = 0.0, v IN
       [y IN pb | CASE WHEN x.w < y.w THEN x.w ELSE y.w END * CASE WHEN x.id = y.id THEN 1.0
          WHEN x.id IN y.anc OR y.id IN x.anc OR (x.parent IS NOT NULL AND x.parent = y.parent) THEN 0.5
          WHEN x.cofog <> '' AND x.cofog = y.cofog THEN 0.25 ELSE 0.0 END] |
       CASE WHEN v > m THEN v ELSE m END)) / wa END AS cov_ab,
     CASE WHEN wb = 0 OR size(pa) = 0 THEN 0.0 ELSE reduce(s = 0.0, y IN pb | s + reduce(m = 0.0, v IN
       [x IN pa | CASE WHEN x.w < y.w THEN x.w ELSE y.w END * CASE WHEN x.id = y.id THEN 1.0
          WHEN y.id IN x.anc OR x.id IN y.anc OR (y.parent IS NOT NULL AND y.parent = x.parent) THEN 0.5
          WHEN y.cofog <> '' AND y.cofog = x.cofog THEN 0.25 ELSE 0.0 END] |
       CASE WHEN v > m THEN v ELSE m END)) / wb END AS cov_ba
WITH a, b, distance, served_a, served_b, pa, pb,
     CASE WHEN size(pa) = 0 THEN null WHEN cov_ab + cov_ba = 0 THEN 0.0
          ELSE 2 * cov_ab * cov_ba / (cov_ab + cov_ba) END AS competence_part
OPTIONAL MATCH (a)-[:AT_LEVEL]->(la:Level)
OPTIONAL MATCH (b)-[:AT_LEVEL]->(lb:Level)
WITH a, b, lb, distance, competence_part, pa, pb,
     ['local', 'intermunicipal', 'intermediate', 'regional', 'national', 'supranational'] AS tiers,
     la.tier AS tier_a, lb.tier AS tier_b,
     CASE WHEN all(t IN served_a WHERE t.population IS NOT NULL) AND size(served_a) > 0
          THEN reduce(s = 0, t IN served_a | s + t.population) END AS pop_a,
     CASE WHEN all(t IN served_b WHERE t.population IS NOT NULL) AND size(served_b) > 0
          THEN reduce(s = 0, t IN served_b | s + t.population) END AS pop_b
WITH a, b, lb, distance, competence_part, pa, pb,
     CASE WHEN tier_a IS NULL OR tier_b IS NULL THEN null
          ELSE 1.0 - abs([i IN range(0, 5) WHERE tiers[i] = tier_a][0]
                         - [i IN range(0, 5) WHERE tiers[i] = tier_b][0]) / 5.0 END AS tier_part,
     1.0 / (1 + distance) AS proximity_part,
     CASE WHEN pop_a IS NULL OR pop_b IS NULL OR pop_a = 0 OR pop_b = 0 THEN null
          ELSE CASE WHEN 1 - abs(log10(pop_a) - log10(pop_b)) / 3 > 0
                    THEN 1 - abs(log10(pop_a) - log10(pop_b)) / 3 ELSE 0.0 END END AS scale_part,
     [k IN [a.kind, b.kind] | CASE
        WHEN k IN ['municipality', 'intermunicipal_body', 'county', 'region', 'federated_state',
                   'national_government'] THEN 'government'
        WHEN k IN ['ministry', 'state_agency', 'deconcentrated_state_service'] THEN 'state_administration'
        ELSE 'body' END] AS families
WITH a, b, lb, distance, competence_part, tier_part, proximity_part, scale_part, pa, pb,
     CASE WHEN a.kind = b.kind THEN 1.0 WHEN families[0] = families[1] THEN 0.5 ELSE 0.0 END AS kind_part
WITH a, b, lb, distance, competence_part, tier_part, proximity_part, scale_part, kind_part, pa, pb,
     [x IN [[0.45, competence_part], [0.20, tier_part], [0.15, proximity_part], [0.10, scale_part],
            [0.10, kind_part]] WHERE x[1] IS NOT NULL] AS used
WITH a, b, lb, distance, competence_part, tier_part, proximity_part, scale_part, kind_part, pa, pb,
     reduce(s = 0.0, x IN used | s + x[0] * x[1]) / reduce(s = 0.0, x IN used | s + x[0]) AS score
RETURN b.id AS candidate, b.name AS name, lb.name AS level, lb.tier AS tier,
       round(score, 4) AS score, round(competence_part, 4) AS competence, round(tier_part, 4) AS tier_closeness,
       round(proximity_part, 4) AS proximity, round(scale_part, 4) AS scale, kind_part AS kind,
       distance,
       [x IN pa WHERE x.id IN [y IN pb | y.id] | x.id] AS shared
ORDER BY round(score, 6) DESC, round(coalesce(competence_part, 0.0), 6) DESC, distance, candidate
