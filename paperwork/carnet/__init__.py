"""ATA carnet figures, shared by the carnet document kind and ``paperwork carnet --check``:
the general list's layout and text measuring (:mod:`.layout`), its cases, numbered lines and
continuation sheets (:mod:`.cases`), numbers in words (:mod:`.words`), the voucher count
(:mod:`.vouchers`) and the whole-list checks (:mod:`.check`).

It works from the model alone and imports no builder; the builder
(:mod:`paperwork.builders.carnet`) turns what it computes into display-ready contexts.
"""
