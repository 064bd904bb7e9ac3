"""Training tools, apart from the product: nothing a check runs imports this package.

``stance`` trains the stance cross-encoder (``factcheck train-stance``, or
``python -m factcheck.training.stance`` for the experiment options), ``contrast`` builds its
contrast sets from the training pairs, ``checkworthiness`` fits the check-worthiness classifier
(``factcheck train-checkworthiness``).
"""
