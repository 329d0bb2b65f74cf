"""The course as data: syllabus and lesson facts, workshop agendas and hub sizing, learners' progress."""
