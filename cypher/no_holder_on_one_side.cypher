// Competences held on one side of the border but by no actor on the other, around an actor: the
// same gaps as `govgraph gaps --kind no_counterpart --around ACTOR`. The area is as in
// competence_holders_around (2 border steps: a body serves what it exercises competences for;
// a transferred competence leaves the members); sides are the area's single-country actors; the
// actor's country is compared with every other country of the area, both ways. Holding a
// narrower competence counts; a competence whose broader one is also missing is reported at the
// broader one. nature: 'data' when the reference allocation gives the competence (or a narrower
// one) to a level of the side without holder, else 'institutional'.
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
WITH a, collect(DISTINCT up) AS reach
CALL (reach) {
  UNWIND reach AS up
  MATCH (h:Actor)-[:GOVERNS]->(up) RETURN h
  UNION
  UNWIND reach AS up
  MATCH (h:Actor)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->(up) WHERE NOT (h)-[:GOVERNS]->() RETURN h
  UNION
  UNWIND reach AS up
  MATCH (h:Actor)-[:EXERCISES]->(:Actor)-[:GOVERNS]->(up)
  WHERE NOT (h)-[:GOVERNS]->() AND NOT (h)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->() RETURN h
  UNION
  UNWIND reach AS up
  MATCH (h:Actor)-[:EXERCISES]->(:Actor)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->(up)
  WHERE NOT (h)-[:GOVERNS]->() AND NOT (h)<-[:MEMBER_OF]-(:Actor)-[:GOVERNS]->() RETURN h
}
WITH a, collect(DISTINCT h) AS area
WITH a, [h IN area WHERE size(h.countries) = 1] AS zone
UNWIND zone AS z
WITH a, zone, collect(DISTINCT z.countries[0]) AS countries
UNWIND [c IN countries WHERE NOT c IN a.countries] AS other
UNWIND [[a.countries[0], other], [other, a.countries[0]]] AS direction
WITH zone, direction[0] AS country_a, direction[1] AS country_b
MATCH (c:Competence {dataset: $dataset}) WHERE c.id <> 'cross_border_cooperation'
WITH country_a, country_b, c,
     [h IN zone WHERE h.countries[0] = country_a
        AND EXISTS {
          MATCH (h)-[:HOLDS]->(held:Competence)-[:BROADER*0..]->(c)
          WHERE NOT EXISTS {
            MATCH (:Actor)-[e:EXERCISES {kind: 'transfer'}]->(h)
            MATCH (held)-[:BROADER*0..]->(:Competence {dataset: $dataset, id: e.competence})
          }
        } | h.id] AS with_a,
     [h IN zone WHERE h.countries[0] = country_b
        AND EXISTS {
          MATCH (h)-[:HOLDS]->(held:Competence)-[:BROADER*0..]->(c)
          WHERE NOT EXISTS {
            MATCH (:Actor)-[e:EXERCISES {kind: 'transfer'}]->(h)
            MATCH (held)-[:BROADER*0..]->(:Competence {dataset: $dataset, id: e.competence})
          }
        } | h.id] AS with_b
WHERE size(with_a) > 0 AND size(with_b) = 0
OPTIONAL MATCH (c)-[:BROADER]->(parent:Competence)
WITH country_a, country_b, collect({c: c, parent: parent.id, holders: with_a}) AS missing
UNWIND missing AS m
WITH country_a, country_b, m, [x IN missing | x.c.id] AS ids
WHERE m.parent IS NULL OR NOT m.parent IN ids
WITH country_a, country_b, m.c AS c, m.holders AS holders
OPTIONAL MATCH (l:Level {dataset: $dataset})-[:ALLOCATES]->(:Competence)-[:BROADER*0..]->(c)
  WHERE l.country = country_b
WITH country_a, country_b, c, holders, collect(DISTINCT l.id) AS levels
RETURN c.id AS competence, c.name_en AS name, country_a AS held_in, country_b AS missing_in,
       holders, levels AS levels_allocated,
       CASE WHEN size(levels) > 0 THEN 'data' ELSE 'institutional' END AS nature
ORDER BY held_in, missing_in, competence
