//! Work spread over the machine's cores, results in the order of the jobs: a province build
//! encodes thousands of shards, each independent of the others. Written with std's scoped
//! threads and channels (a pool crate would add a dependency for these few lines). The browser
//! build has no threads: there, jobs run one after the other.

/// `work` applied to every job, in job order. Jobs are produced (read) on this thread while
/// workers run `work`; the first `Err` of `jobs` stops the reading and is returned.
#[cfg(not(target_arch = "wasm32"))]
pub(super) fn map_in_order<T: Send, R: Send, E>(
    jobs: impl Iterator<Item = Result<T, E>>,
    work: impl Fn(T) -> R + Sync,
) -> Result<Vec<R>, E> {
    use std::sync::{mpsc, Mutex};
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    if workers < 2 {
        return jobs.map(|job| job.map(&work)).collect();
    }
    // A bounded queue: reading stays a few jobs ahead of the workers, so memory holds a few
    // places, not the province.
    let (to_workers, queue) = mpsc::sync_channel::<(usize, T)>(workers * 2);
    let queue = Mutex::new(queue);
    let (to_main, results) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (queue, to_main, work) = (&queue, to_main.clone(), &work);
            scope.spawn(move || loop {
                let Ok(job) = queue.lock().map_err(|_| ()).and_then(|q| q.recv().map_err(|_| ())) else { break };
                if to_main.send((job.0, work(job.1))).is_err() {
                    break;
                }
            });
        }
        drop(to_main);
        let mut count = 0;
        let mut failed = None;
        for job in jobs {
            match job {
                Ok(job) => {
                    if to_workers.send((count, job)).is_err() {
                        break;
                    }
                    count += 1;
                }
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
        }
        drop(to_workers);
        let mut out: Vec<Option<R>> = std::iter::repeat_with(|| None).take(count).collect();
        for (i, r) in results {
            out[i] = Some(r);
        }
        match failed {
            Some(e) => Err(e),
            // Every job sent was done: each worker runs until the queue is closed and empty.
            None => Ok(out.into_iter().flatten().collect()),
        }
    })
}

/// Without threads: the jobs one after the other.
#[cfg(target_arch = "wasm32")]
pub(super) fn map_in_order<T, R, E>(jobs: impl Iterator<Item = Result<T, E>>, work: impl Fn(T) -> R) -> Result<Vec<R>, E> {
    jobs.map(|job| job.map(&work)).collect()
}
