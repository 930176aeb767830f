"""The course's timing and accuracy report (not tests): run.py, with run_one.py, compute.py, peers.py."""
