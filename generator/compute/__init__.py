"""Figures computed from the model: tracking, interaction, annual report, published items,
page selections. Pure: no I/O, no engine; each is computed once per build."""
