// Who holds a competence (or a narrower or broader one) around an actor, on each side of the
// border: the same answer as `govgraph who COMPETENCE --around ACTOR` (up to 2 border steps).
// An actor serves the territory it governs; a body that governs none serves its members'
// territories, and a body with neither the territories of those it exercises competences for
// (EXERCISES). "Around" = every territory within 2 BORDERS steps of a territory inside what the
// actor serves, and every territory containing one of those (PART_OF). A holding transferred to
// a body (EXERCISES kind 'transfer') no longer counts for the members; one an organ exercises
// (kind 'organ') is answered by the organ, not by its government, nor by a department whose
// office exercises it for the same government; a holding that is only residual (the région
// as local mobility authority) yields where another body of the country took it. Order: the
// actor's own side first, then country, border steps, tier from the most local, holder id.
// params: dataset (dataset name), actor (actor id, e.g. fr-cc-bouzonvillois-trois-frontieres), competence (competence id, e.g. public_transport)
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
WITH a, collect({holder: h, distance: distance}) AS area
UNWIND area AS found
WITH a, area, found.holder AS h, found.distance AS distance
MATCH (c:Competence {dataset: $dataset, id: $competence})
// a narrower holding, the competence itself, or a broader one (which answers a narrower question)
MATCH (h)-[hold:HOLDS]->(held:Competence)
WHERE ((held)-[:BROADER*0..]->(c) OR (c)-[:BROADER*1..]->(held))
  AND NOT EXISTS {
    MATCH (:Actor)-[e:EXERCISES]->(h) WHERE e.kind IN ['transfer', 'organ']
    MATCH (held)-[:BROADER*0..]->(:Competence {dataset: $dataset, id: e.competence})
  }
  // an organ (a department) yields to an office it supervises that exercises the competence
  // (or a narrower one) as an organ of the same government
  AND NOT EXISTS {
    MATCH (o:Actor)-[:SUPERVISED_BY]->(h),
          (o)-[e1:EXERCISES {kind: 'organ'}]->(:Actor)<-[e2:EXERCISES {kind: 'organ'}]-(h)
    MATCH (held)-[:BROADER*0..]->(:Competence {dataset: $dataset, id: e1.competence})
          -[:BROADER*0..]->(:Competence {dataset: $dataset, id: e2.competence})
  }
  // a holding its level has only where no other body holds another competence (residual_to:
  // the French région as local mobility authority) yields to a body of the same country that
  // holds that one, not for it, no farther away (and did not transfer it)
  AND NOT (hold.residual_to IS NOT NULL AND any(other IN area WHERE
    other.holder <> h AND other.distance <= distance
    AND any(country IN other.holder.countries WHERE country IN h.countries)
    AND EXISTS {
      MATCH (taker:Actor)-[t:HOLDS]->(:Competence {dataset: $dataset, id: hold.residual_to})
      WHERE taker = other.holder AND NOT h.id IN coalesce(t.on_behalf_of, [])
        AND NOT EXISTS {
          MATCH (:Actor)-[e:EXERCISES {kind: 'transfer'}]->(taker)
          MATCH (:Competence {dataset: $dataset, id: hold.residual_to})
                -[:BROADER*0..]->(:Competence {dataset: $dataset, id: e.competence})
        }
    }))
OPTIONAL MATCH (h)-[:AT_LEVEL]->(l:Level)
WITH a, h, l, distance, held, hold ORDER BY held.id
WITH a, h, l, distance,
     collect(DISTINCT {competence: held.id, role: hold.role, provenance: hold.provenance,
                       legal_basis: hold.legal_basis, source: hold.source}) AS holds
UNWIND h.countries AS country
WITH country, h, l, distance, holds, CASE WHEN country IN a.countries THEN 'own' ELSE 'across' END AS side,
     coalesce([i IN range(0, 5) WHERE ['local', 'intermunicipal', 'intermediate', 'regional',
       'national', 'supranational'][i] = l.tier][0], 6) AS rank
RETURN country, side, h.id AS holder, h.name AS name, l.name AS level, l.tier AS tier,
       distance, holds
ORDER BY CASE side WHEN 'own' THEN 0 ELSE 1 END, country, distance, rank, holder
