"""Who may see and import datasets and compute indicators."""

from coalition.accounts.roles import is_secretariat
from coalition.core.policies import Policy


class DatasetPolicy(Policy):
    resource = "dataset"
    # Microdata (survey persons) stay with the secretariat; the public sees indicators.
    actions = {"view": is_secretariat, "import": is_secretariat, "compute": is_secretariat}


dataset_policy = DatasetPolicy()
