"""Figures and widgets for the lessons.

matplotlib and ipywidgets load only when a figure or widget is drawn.
"""
