"""Tools that run notebooks: build the lessons, generate and grade exercise notebooks.

:mod:`~course_lib.build.execute` is the one wrapper around nbclient;
:mod:`~course_lib.build.generate` writes learner notebooks from the solution
sources (and restores one exercise); :mod:`~course_lib.build.grade` grades
learner notebooks in fresh kernels. Nothing here is imported by
``import course_lib`` except what ``reset_exercise`` needs.
"""
