from govgraph import model
from govgraph.model import ENDPOINTS, Label, RelType


def test_every_relationship_type_has_endpoints():
    assert set(ENDPOINTS) == set(RelType)


def test_relations_file_types_are_actor_or_territory_relations():
    for rel in model.RELATIONS_FILE_TYPES:
        start, _ = ENDPOINTS[rel]
        assert start & {Label.ACTOR, Label.TERRITORY}


def test_symmetric_types_join_nodes_of_the_same_label():
    for rel in model.SYMMETRIC:
        start, end = ENDPOINTS[rel]
        assert start == end


def test_tiers_are_ordered_from_local_to_supranational():
    assert model.TIER_RANK["local"] < model.TIER_RANK["intermediate"] < model.TIER_RANK["national"]
    assert len(model.TIERS) == len(set(model.TIERS)) == 6


def test_labels_and_types_are_plain_identifiers():
    # Labels and types are interpolated into Cypher by the store: they must be safe identifiers.
    for value in [*Label, *RelType]:
        assert value.value.replace("_", "").isalnum()
