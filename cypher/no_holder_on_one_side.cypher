// Competences held around an actor in some countries but by no actor of another country around it
// (the area is as in competence_holders_around). Holding a narrower competence counts.
// params: dataset (dataset name), actor (actor id, e.g. fr-cc-bouzonvillois-trois-frontieres)
MATCH (a:Actor {dataset: $dataset, id: $actor})-[:GOVERNS]->(t0:Territory)
MATCH (seed:Territory {dataset: $dataset})-[:PART_OF*0..]->(t0)
OPTIONAL MATCH (seed)-[:BORDERS]-(neighbour:Territory)
WITH collect(DISTINCT seed) + collect(DISTINCT neighbour) AS near
UNWIND near AS n
MATCH (n)-[:PART_OF*0..]->(served:Territory)
WITH DISTINCT served
MATCH (h:Actor {dataset: $dataset})-[:GOVERNS]->(served)
WITH collect(DISTINCT h) AS around
UNWIND around AS x
UNWIND x.countries AS country
WITH around, collect(DISTINCT country) AS countries
UNWIND around AS h
MATCH (h)-[:HOLDS]->(:Competence)-[:BROADER*0..]->(c:Competence {dataset: $dataset})
UNWIND h.countries AS held_in
WITH countries, c, collect(DISTINCT held_in) AS with_holder
WITH c, with_holder, [x IN countries WHERE NOT x IN with_holder] AS without_holder
WHERE size(without_holder) > 0
RETURN c.id AS competence, c.name_en AS name, c.cofog AS cofog,
       with_holder AS countries_with_holder, without_holder AS countries_without_holder
ORDER BY competence
