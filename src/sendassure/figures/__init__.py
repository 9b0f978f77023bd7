"""Figures: the measure registry, the one service that computes and controls every
figure, the data's currency ("data to" dates) and the fact table that keeps them."""
