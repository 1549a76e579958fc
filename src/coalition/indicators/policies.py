"""Who may see and import datasets, compute indicators and set targets."""

from coalition.accounts.roles import is_secretariat
from coalition.core.policies import Policy


class DatasetPolicy(Policy):
    resource = "dataset"
    # Microdata (survey persons) stay with the secretariat; the public sees indicators.
    actions = {"view": is_secretariat, "import": is_secretariat, "compute": is_secretariat}


dataset_policy = DatasetPolicy()


class TargetPolicy(Policy):
    resource = "target"
    # Targets are published beside the figures: the secretariat answers for them.
    actions = {"view": is_secretariat, "edit": is_secretariat}


target_policy = TargetPolicy()
