"""The measured experiments of the lessons.

Generated data sets and small Keras models: nothing is downloaded.
"""
