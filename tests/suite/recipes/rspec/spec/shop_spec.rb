# shop_spec.rb - the RSpec recipe's examples (see ../../README).
STRATEGY = ENV.fetch("DBBENCH_STRATEGY", "transaction")

RSpec.describe "a shop" do
  it "knows its strategy" do
    expect(%w[transaction truncation]).to include(STRATEGY)
  end

  it "adds prices" do
    expect([250, 250, 250].sum).to eq(750)
  end

  it "has no negative totals" do
    expect([0, 5].min).to be >= 0
  end
end
