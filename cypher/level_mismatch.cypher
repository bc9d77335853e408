// Competences held at different tiers on the two sides of the border, around an actor: the same
// gaps as `govgraph gaps --kind level_mismatch --around ACTOR`. On each side, the main holder of
// the competence (exactly this competence, by an actor of the area with a level) is the actor
// itself if it holds it, else the strongest role, then the nearest, then the most local tier,
// then the id.
// params: dataset (dataset name), actor (actor id, e.g. fr-cc-bouzonvillois-trois-frontieres)
MATCH (a:Actor {dataset: $dataset, id: $actor})
OPTIONAL MATCH (a)-[:GOVERNS]->(g:Territory)
OPTIONAL MATCH (a)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->(mt:Territory)
OPTIONAL MATCH (a)-[:EXERCISES]->(f:Actor)
OPTIONAL MATCH (f)-[:GOVERNS]->(ft:Territory)
OPTIONAL MATCH (f)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->(fmt:Territory)
WITH a, collect(DISTINCT g) AS governed, collect(DISTINCT mt) AS via_members,
     collect(DISTINCT ft) + collect(DISTINCT fmt) AS via_holders
WITH a, CASE WHEN size(governed) > 0 THEN governed
             WHEN size(via_members) > 0 THEN via_members ELSE via_holders END AS served
UNWIND served AS s
MATCH (inner:Territory)-[:PART_OF*0..]->(s)
WITH a, collect(DISTINCT inner) AS start
UNWIND start AS st
MATCH p = (st)-[:BORDERS*0..2]-(t:Territory)
WITH a, t, min(length(p)) AS steps
MATCH (t)-[:PART_OF*0..]->(up:Territory)
WITH a, up, min(steps) AS steps
CALL (up) {
  MATCH (h:Actor)-[:GOVERNS]->(up) RETURN h
  UNION
  MATCH (h:Actor)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->(up) WHERE NOT (h)-[:GOVERNS]->() RETURN h
  UNION
  MATCH (h:Actor)-[:EXERCISES]->(:Actor)-[:GOVERNS]->(up)
  WHERE NOT (h)-[:GOVERNS]->() AND NOT (h)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->() RETURN h
  UNION
  MATCH (h:Actor)-[:EXERCISES]->(:Actor)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->(up)
  WHERE NOT (h)-[:GOVERNS]->() AND NOT (h)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->() RETURN h
}
WITH a, h, min(steps) AS distance
WHERE size(h.countries) = 1
MATCH (h)-[:AT_LEVEL]->(l:Level)
MATCH (h)-[r:HOLDS]->(c:Competence)
WHERE c.id <> 'cross_border_cooperation'
  AND NOT EXISTS {  // a competence transferred to a body has left its members
    MATCH (:Actor)-[e:EXERCISES {kind: 'transfer'}]->(h)
    MATCH (c)-[:BROADER*0..]->(:Competence {dataset: $dataset, id: e.competence})
  }
WITH a, h.countries[0] AS country, c, h, l, distance,
     CASE r.role WHEN 'exclusive' THEN 1.0 WHEN 'shared' THEN 0.8 WHEN 'delegated' THEN 0.6
       WHEN 'support' THEN 0.3 ELSE 0.5 END AS weight,
     [i IN range(0, 5) WHERE ['local', 'intermunicipal', 'intermediate', 'regional', 'national',
       'supranational'][i] = l.tier][0] AS rank
ORDER BY CASE WHEN h = a THEN 0 ELSE 1 END, weight DESC, distance, rank, h.id
WITH a, country, c, collect({id: h.id, name: h.name, tier: l.tier, level: l.name, rank: rank})[0] AS main
WITH a, c, collect({country: country, main: main}) AS sides
WITH a, c, [s IN sides WHERE s.country IN a.countries][0] AS mine,
     [s IN sides WHERE NOT s.country IN a.countries] AS others
UNWIND others AS other
WITH c, mine, other
WHERE mine IS NOT NULL AND mine.main.tier <> other.main.tier
RETURN c.id AS competence, mine.country AS country_a, mine.main.id AS holder_a,
       mine.main.level AS level_a, mine.main.tier AS tier_a,
       other.country AS country_b, other.main.id AS holder_b, other.main.level AS level_b,
       other.main.tier AS tier_b, abs(mine.main.rank - other.main.rank) AS tier_distance
ORDER BY tier_distance DESC, competence, country_b
